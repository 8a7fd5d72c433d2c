import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CampaignAudience, CampaignFunnel, CampaignResults, CampaignStatus, CampaignView, DeliveryStatus, Page, PlaceholderInfo, RenderedSample } from '@huiyuan/shared-types';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { BusinessCalendar } from '../common/time/business-calendar';
import { MembersRepository } from '../members/members.repository';
import { SegmentsRepository } from '../segments/segments.repository';
import { SegmentsService } from '../segments/segments.service';
import { MessageTemplatesService } from '../subscriptions/message-templates.service';
import { SubscriptionQuota } from '../subscriptions/subscription-quota';
import { conversionLift, isHeldOut, quietUntil, startOfBusinessWeek } from './campaign-rules';
import { CampaignWeekCountsRepository } from './campaign-week-counts.repository';
import { campaignNotFound } from './campaigns.errors';
import { CampaignsRepository } from './campaigns.repository';
import { DeliveriesRepository, JoinStores } from './deliveries.repository';
import { Campaign } from './entities/campaign.entity';
import { PLACEHOLDERS, renderMessage } from './message-rendering';
import { RenderContexts } from './render-contexts';

const SAMPLES = 3;
const AUDIENCE_PAGE = 2000;

/** Campaign reads: the list, one campaign, who it would reach with the rendered samples, and its results. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly weekCounts: CampaignWeekCountsRepository,
    private readonly segments: SegmentsRepository,
    private readonly segmentReads: SegmentsService,
    private readonly members: MembersRepository,
    private readonly templates: MessageTemplatesService,
    private readonly quota: SubscriptionQuota,
    private readonly contexts: RenderContexts,
  ) {}

  placeholders(): PlaceholderInfo[] {
    return Object.entries(PLACEHOLDERS).map(([name, label]) => ({ name, label }));
  }

  async list(before: number | undefined, limit: number): Promise<Page<CampaignView>> {
    const rows = await this.tx.read((m) => this.campaigns.list(m, before ?? null, limit + 1));
    const page = rows.slice(0, limit);
    return { items: await Promise.all(page.map((c) => this.viewOf(c))), nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null };
  }

  async view(id: number): Promise<CampaignView> {
    return this.viewOf(await this.require(id));
  }

  async require(id: number): Promise<Campaign> {
    const campaign = await this.tx.read((m) => this.campaigns.byId(m, id));
    if (!campaign) throw campaignNotFound(id);
    return campaign;
  }

  private async viewOf(c: Campaign): Promise<CampaignView> {
    const { template, segment, audienceSize } = await this.tx.read(async (m) => ({
      template: await this.templates.byId(m, c.templateId),
      segment: await this.segments.byId(m, c.segmentId),
      audienceSize: c.snapshotId !== null ? await this.segments.snapshotSize(m, c.snapshotId) : null,
    }));
    return {
      id: c.id,
      name: c.name,
      templateId: c.templateId,
      templateTitle: template?.title ?? null,
      fieldValues: JSON.parse(c.fieldValuesJson) as Record<string, string>,
      page: c.page,
      segmentId: c.segmentId,
      segmentName: segment?.name ?? null,
      couponTemplateId: c.couponTemplateId,
      sendAt: c.sendAt?.toISOString() ?? null,
      quietStart: c.quietStart,
      quietEnd: c.quietEnd,
      weeklyCap: c.weeklyCap,
      holdoutPercent: c.holdoutPercent,
      attributionDays: c.attributionDays,
      status: c.status as CampaignStatus,
      pauseReason: c.pauseReason,
      audienceSize,
      createdAt: c.createdAt.toISOString(),
      startedAt: c.startedAt?.toISOString() ?? null,
      finishedAt: c.finishedAt?.toISOString() ?? null,
    };
  }

  /** The first members of the campaign's segment as it is now (samples, the test send's example). */
  async sampleMembers(campaign: Campaign, count: number): Promise<number[]> {
    const segment = await this.tx.read((m) => this.segments.byId(m, campaign.segmentId));
    if (!segment) return [];
    const query = await this.segmentReads.queryAllStores(JSON.parse(segment.rulesJson) as unknown);
    return this.tx.read((m) => this.segments.memberIdsAfter(m, query, 0, count));
  }

  /**
   * Who the campaign would reach if sent now: the segment as it is, less members without an
   * openid, without an accept left for the template, over the weekly cap, or held out; and the
   * message rendered for three of them.
   */
  async audience(id: number): Promise<CampaignAudience> {
    const campaign = await this.require(id);
    const segment = await this.tx.read((m) => this.segments.byId(m, campaign.segmentId));
    if (!segment) return { segmentSize: 0, withoutOpenid: 0, withoutQuota: 0, capped: 0, heldOut: 0, reachable: 0, samples: [] };
    const query = await this.segmentReads.queryAllStores(JSON.parse(segment.rulesJson) as unknown);
    const now = this.clock.now();
    const weekStart = startOfBusinessWeek(now, this.calendar.timeZone);
    const tally = { segmentSize: 0, withoutOpenid: 0, withoutQuota: 0, capped: 0, heldOut: 0, reachable: 0 };
    for await (const ids of this.segmentReads.memberIdPages(query, AUDIENCE_PAGE)) {
      const { profiles, withQuota, weekCounts } = await this.tx.read(async (m) => {
        const found = await this.members.messageProfiles(m, ids);
        const withOpenid = ids.filter((mid) => found.get(mid)?.openid);
        return {
          profiles: found,
          withQuota: await this.quota.membersWithQuota(m, campaign.templateId, withOpenid),
          weekCounts: campaign.weeklyCap !== null ? await this.weekCounts.counts(m, withOpenid, weekStart) : new Map<number, number>(),
        };
      });
      for (const memberId of ids) {
        tally.segmentSize++;
        if (!profiles.get(memberId)?.openid) tally.withoutOpenid++;
        else if (!withQuota.has(memberId)) tally.withoutQuota++;
        else if (isHeldOut(campaign.id, memberId, campaign.holdoutPercent)) tally.heldOut++;
        else if (campaign.weeklyCap !== null && (weekCounts.get(memberId) ?? 0) >= campaign.weeklyCap) tally.capped++;
        else tally.reachable++;
      }
    }
    return { ...tally, samples: await this.samples(campaign, now) };
  }

  private async samples(campaign: Campaign, now: Date): Promise<RenderedSample[]> {
    const ids = await this.sampleMembers(campaign, SAMPLES);
    const { profiles, template } = await this.tx.read(async (m) => ({ profiles: await this.members.messageProfiles(m, ids), template: await this.templates.byId(m, campaign.templateId) }));
    const contexts = await this.contexts.forMembers([...profiles.values()], [campaign.couponTemplateId], now);
    const values = JSON.parse(campaign.fieldValuesJson) as Record<string, string>;
    return ids.map((memberId) => {
      const profile = profiles.get(memberId);
      const rendered = template ? renderMessage(template.fields, values, contexts.get(memberId, campaign.couponTemplateId) ?? {}) : null;
      return {
        memberId,
        cardNo: profile?.cardNo ?? '',
        nickname: profile?.nickname ?? null,
        data: rendered?.ok ? rendered.data : null,
        problem: rendered === null ? '模板不存在' : rendered.ok ? null : `${rendered.field} ${rendered.problem}`,
      };
    });
  }

  async results(id: number): Promise<CampaignResults> {
    const campaign = await this.require(id);
    return this.tx.read(async (m) => {
      const counts = await this.deliveries.countsByStatus(m, id);
      const byStatus: Partial<Record<DeliveryStatus, number>> = Object.fromEntries(counts) as Partial<Record<DeliveryStatus, number>>;
      const [failedByErrcode, opened, coupons, attribution] = [await this.deliveries.failuresByErrcode(m, id), await this.deliveries.openedCount(m, id), await this.deliveries.couponCounts(m, id), await this.attribution(m, campaign, 'all')];
      // HQ sees why the queue is not moving at night, and when it will.
      const waiting = campaign.status === 'sending' && (byStatus.queued ?? 0) > 0;
      const quietEnds = waiting ? quietUntil(this.clock.now(), { start: campaign.quietStart, end: campaign.quietEnd }, this.calendar.timeZone) : null;
      return {
        status: campaign.status as CampaignStatus,
        pauseReason: campaign.pauseReason,
        quietUntil: quietEnds?.toISOString() ?? null,
        total: [...counts.values()].reduce((a, b) => a + b, 0),
        byStatus,
        failedByErrcode,
        opened,
        couponsIssued: coupons.issued,
        couponsUsed: coupons.used,
        attribution,
      };
    });
  }

  /**
   * The funnel of each campaign started within [from, to), counted for the members who joined in
   * `joinStores` (a manager's stores), with the lift of recipients over the holdout.
   */
  async funnels(from: Date, to: Date, joinStores: JoinStores): Promise<CampaignFunnel[]> {
    const campaigns = await this.tx.read((m) => this.campaigns.startedBetween(m, from, to));
    const funnels: CampaignFunnel[] = [];
    for (const c of campaigns) {
      funnels.push(
        await this.tx.read(async (m) => {
          const [steps, attribution] = [await this.deliveries.funnel(m, c.id, joinStores), await this.attribution(m, c, joinStores)];
          return { campaignId: c.id, name: c.name, status: c.status, startedAt: c.startedAt?.toISOString() ?? null, ...steps, purchasers: attribution?.recipients.buyers ?? 0, attribution };
        }),
      );
    }
    return funnels;
  }

  /** Recipients' and the holdout's purchases over the attribution window from the first send; null before anything went out. */
  private async attribution(m: EntityManager, campaign: Campaign, joinStores: JoinStores): Promise<CampaignResults['attribution']> {
    const from = (await this.deliveries.firstSentAt(m, campaign.id)) ?? campaign.startedAt;
    if (!from) return null;
    const to = new Date(from.getTime() + campaign.attributionDays * 86_400_000);
    const recipients = await this.deliveries.buyers(m, campaign.id, ['sent'], from, to, joinStores);
    const holdout = await this.deliveries.buyers(m, campaign.id, ['skipped_holdout'], from, to, joinStores);
    return { days: campaign.attributionDays, recipients, holdout, lift: conversionLift(recipients, holdout) };
  }

  /** The member opened the campaign's landing page (the mini-program reports it); the first open counts. */
  async recordOpen(memberId: number, campaignId: number): Promise<void> {
    await this.tx.run((m) => this.deliveries.markOpened(m, campaignId, memberId, this.clock.now()));
  }
}
