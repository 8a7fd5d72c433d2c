import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CAMPAIGN_DEFAULT_QUIET_HOURS, DeliveryStatus, LedgerEntryType, TemplatePurpose } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobQueue } from '../common/queue/job-queue';
import { Clock } from '../common/time/clock';
import { BusinessCalendar } from '../common/time/business-calendar';
import { CouponIssuer } from '../coupons/coupon-issuer';
import { MembersRepository, MessageProfile } from '../members/members.repository';
import { PointsLedger } from '../points/points-ledger';
import { MessageTemplateRecord, MessageTemplatesService } from '../subscriptions/message-templates.service';
import { SubscriptionQuota } from '../subscriptions/subscription-quota';
import { WechatGateway } from '../wechat/wechat-gateway';
import { WechatError, WechatQuotaExhaustedError, WechatRateLimitedError, WechatUnreachableError } from '../wechat/wechat.errors';
import { errorRateTooHigh, quietUntil, retryDelayMs, startOfBusinessWeek } from './campaign-rules';
import { CampaignWeekCountsRepository } from './campaign-week-counts.repository';
import { CampaignsRepository } from './campaigns.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { SEND_JOB, SendJob } from './delivery-dispatcher';
import { Campaign } from './entities/campaign.entity';
import { CampaignDelivery } from './entities/campaign-delivery.entity';
import { renderMessage } from './message-rendering';
import { MemberContexts, RenderContexts } from './render-contexts';

/** Transient failures (WeChat busy, rate limited, unreachable before the request left) are tried this often. */
const MAX_ATTEMPTS = 5;
/** Failures above this share of sends (after enough of them) pause the campaign: a broken template or page, or a ban. */
const ERROR_RATE = { threshold: 0.2, minSample: 50 };

type Outcome = 'sent' | 'failed' | 'unknown' | 'retry' | 'skipped';

interface Claimed {
  row: CampaignDelivery;
  template: MessageTemplateRecord;
  openid: string;
  data: Record<string, { value: string }>;
  /** The business week a campaign message was counted in, for the weekly cap; null for automations'. */
  week: Date | null;
}

/**
 * The send job: claims each delivery (queued → sending, committed with the quota taken) before
 * calling WeChat, then records what happened. A claim that is never recorded (the process died) is
 * settled by the sweep, never sent again.
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger('DeliveryWorker');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly deliveries: DeliveriesRepository,
    private readonly weekCounts: CampaignWeekCountsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly members: MembersRepository,
    private readonly templates: MessageTemplatesService,
    private readonly contexts: RenderContexts,
    private readonly quota: SubscriptionQuota,
    private readonly wechat: WechatGateway,
    private readonly coupons: CouponIssuer,
    private readonly points: PointsLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register<SendJob>(SEND_JOB, (job) => this.process(job.ids));
  }

  /**
   * A job's rows are claimed, sent and recorded together: a worker that dies leaves at most one
   * job's claims in doubt per job it runs at once, and a pause stops a job before its claim.
   */
  async process(ids: number[]): Promise<void> {
    const rows = (await this.tx.read((m) => this.deliveries.byIds(m, ids))).filter((r) => r.status === 'queued');
    if (rows.length === 0) return;
    const now = this.clock.now();
    const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((id): id is number => id !== null))];
    // Independent reads, side by side: a batch waits for the slowest, not for their sum.
    const [campaigns, profiles, templates] = await Promise.all([
      this.tx.read(async (m) => {
        const found = new Map<number, Campaign>();
        for (const id of campaignIds) {
          const campaign = await this.campaigns.byId(m, id);
          if (campaign) found.set(id, campaign);
        }
        return found;
      }),
      this.tx.read((m) => this.members.messageProfiles(m, rows.map((r) => r.memberId))),
      this.tx.read(async (m) => {
        const found = new Map<number, MessageTemplateRecord>();
        for (const id of new Set(rows.map((r) => r.templateId))) {
          const template = await this.templates.byId(m, id);
          if (template) found.set(id, template);
        }
        return found;
      }),
    ]);
    const week = startOfBusinessWeek(now, this.calendar.timeZone);
    const [contexts] = await Promise.all([
      this.contexts.forMembers([...profiles.values()], rows.map((r) => r.couponTemplateId), now),
      this.tx.run((m) => this.weekCounts.ensure(m, rows.filter((r) => r.campaignId !== null).map((r) => r.memberId), week)),
    ]);

    const claimed = await this.tx.run((m) => this.claim(m, rows, campaigns, profiles, templates, contexts, week, now));
    const outcomes = await this.sendAll(claimed);
    await this.afterBatch(campaigns, claimed, outcomes);
  }

  /**
   * One transaction for the batch, a statement per step rather than per row: rows decided against
   * are held or skipped, the rest are locked, counted against the weekly cap and the quota (a member
   * with none left is skipped, never sent), and claimed (queued → sending) with their rendered
   * messages. Every lock is taken in key order within each table (deliveries by id, the rest by
   * member) and the tables in one order (campaigns, shared; deliveries, week counts, grants), so two jobs sending to
   * the same members never deadlock.
   */
  private async claim(
    m: EntityManager,
    rows: CampaignDelivery[],
    campaigns: Map<number, Campaign>,
    profiles: Map<number, MessageProfile>,
    templates: Map<number, MessageTemplateRecord>,
    contexts: MemberContexts,
    week: Date,
    now: Date,
  ): Promise<Claimed[]> {
    const wait: number[] = [];
    const held = new Map<string, { until: Date; reason: string; ids: number[] }>();
    const skipped = new Map<string, { status: DeliveryStatus; reason: string | null; ids: number[] }>();
    const skip = (status: DeliveryStatus, reason: string | null, id: number) => {
      const key = `${status}\u0000${reason ?? ''}`;
      const group = skipped.get(key) ?? { status, reason, ids: [] };
      group.ids.push(id);
      skipped.set(key, group);
    };
    const candidates: Claimed[] = [];
    // The campaigns were read before this transaction: a pause or cancel since then must stop the batch, not just the next one.
    const sending = await this.campaigns.sendingForClaim(m, [...campaigns.keys()]);
    for (const row of [...rows].sort((a, b) => a.memberId - b.memberId || a.id - b.id)) {
      const campaign = row.campaignId !== null && sending.has(row.campaignId) ? campaigns.get(row.campaignId) : undefined;
      const decision = this.decide(row, campaign, profiles.get(row.memberId), templates.get(row.templateId), now);
      switch (decision.kind) {
        case 'wait':
          // Paused, or not yet launched: left queued and out of the queue until it is released again.
          wait.push(row.id);
          break;
        case 'hold': {
          const key = `${decision.until.getTime()}\u0000${decision.reason}`;
          const group = held.get(key) ?? { until: decision.until, reason: decision.reason, ids: [] };
          group.ids.push(row.id);
          held.set(key, group);
          break;
        }
        case 'skip':
          skip(decision.status, decision.reason, row.id);
          break;
        case 'send': {
          const rendered = renderMessage(decision.template.fields, this.fieldValues(row, campaign), contexts.get(row.memberId, decision.couponTemplateId) ?? {});
          if (!rendered.ok) skip('skipped_render', `${rendered.field} ${rendered.problem}`, row.id);
          else candidates.push({ row, template: decision.template, openid: decision.openid, data: rendered.data, week: row.campaignId !== null ? week : null });
        }
      }
    }
    // Rows decided against first: every delivery row this transaction writes is locked before the week counts and grants.
    await this.deliveries.markEnqueued(m, wait, null);
    for (const group of held.values()) await this.deliveries.requeue(m, group.ids, 'queued', group.until, group.reason);
    for (const group of skipped.values()) await this.deliveries.skip(m, group.ids, 'queued', group.status, group.reason);

    // Rows another job claimed (or a cancel settled) since they were read are left alone.
    const stillQueued = await this.deliveries.lockQueued(m, candidates.map((c) => c.row.id));
    let claimable = candidates.filter((c) => stillQueued.has(c.row.id));
    // The cap is counted and checked under the rows' locks, so concurrent campaigns cannot both pass it.
    const counted = claimable.filter((c) => c.week !== null);
    const withinCap = await this.weekCounts.take(m, week, counted.map((c) => ({ memberId: c.row.memberId, cap: (c.row.campaignId !== null ? campaigns.get(c.row.campaignId)?.weeklyCap : null) ?? null })));
    const capped = new Set(counted.filter((_, i) => !withinCap[i]).map((c) => c.row.id));
    claimable = claimable.filter((c) => !capped.has(c.row.id));

    const claimed: Claimed[] = [];
    const noQuota: Claimed[] = [];
    for (const templateId of [...new Set(claimable.map((c) => c.row.templateId))].sort((a, b) => a - b)) {
      const mine = claimable.filter((c) => c.row.templateId === templateId);
      const taken = await this.quota.take(m, templateId, mine.map((c) => c.row.memberId));
      mine.forEach((c, i) => (taken[i] ? claimed : noQuota).push(c));
    }
    // Not sent: these no longer count towards the members' weekly cap.
    await this.weekCounts.giveBack(m, week, noQuota.filter((c) => c.week !== null).map((c) => c.row.memberId));

    await this.deliveries.skip(m, [...capped], 'queued', 'skipped_cap', null);
    await this.deliveries.skip(m, noQuota.map((c) => c.row.id), 'queued', 'skipped_quota', null);
    await this.deliveries.claimMany(m, claimed.map((c) => ({ id: c.row.id, renderedJson: JSON.stringify(c.data) })), now);
    return claimed;
  }

  private decide(
    row: CampaignDelivery,
    campaign: Campaign | undefined,
    profile: MessageProfile | undefined,
    template: MessageTemplateRecord | undefined,
    now: Date,
  ):
    | { kind: 'wait' }
    | { kind: 'hold'; until: Date; reason: string }
    | { kind: 'skip'; status: 'skipped_expired' | 'skipped_no_openid' | 'skipped_render'; reason: string | null }
    | { kind: 'send'; template: MessageTemplateRecord; openid: string; couponTemplateId: number | null } {
    if (row.campaignId !== null && campaign?.status !== 'sending') return { kind: 'wait' };
    if (row.notAfter && now.getTime() > row.notAfter.getTime()) return { kind: 'skip', status: 'skipped_expired', reason: null };
    if (row.lane === 'campaign') {
      const quiet = campaign ? { start: campaign.quietStart, end: campaign.quietEnd } : CAMPAIGN_DEFAULT_QUIET_HOURS;
      const until = quietUntil(now, quiet, this.calendar.timeZone);
      if (until) return { kind: 'hold', until, reason: 'quiet hours' };
    }
    if (!profile?.openid) return { kind: 'skip', status: 'skipped_no_openid', reason: null };
    if (!template || !template.active) return { kind: 'skip', status: 'skipped_render', reason: 'the template is not registered or is switched off' };
    if (campaign && template.purpose !== TemplatePurpose.CAMPAIGN) return { kind: 'skip', status: 'skipped_render', reason: 'a campaign may only use a campaign template' };
    return { kind: 'send', template, openid: profile.openid, couponTemplateId: row.couponTemplateId };
  }

  private fieldValues(row: CampaignDelivery, campaign: Campaign | undefined): Record<string, string> {
    return JSON.parse(campaign ? campaign.fieldValuesJson : (row.fieldValuesJson ?? '{}')) as Record<string, string>;
  }

  /** Sends the batch's messages at once, then records every one WeChat accepted in one transaction. */
  private async sendAll(claimed: Claimed[]): Promise<Map<number, Outcome>> {
    const outcomes = new Map<number, Outcome>();
    const sent: Array<{ claim: Claimed; msgid: string }> = [];
    await Promise.all(
      claimed.map(async (claim) => {
        const answer = await this.sendOne(claim);
        if (typeof answer === 'string') outcomes.set(claim.row.id, answer);
        else sent.push({ claim, msgid: answer.msgid });
      }),
    );
    if (sent.length === 0) return outcomes;
    await this.tx.run(async (m) => {
      const marked = await this.deliveries.markSentMany(m, sent.map(({ claim, msgid }) => ({ id: claim.row.id, msgid })), this.clock.now());
      // Only the rows this transaction marked sent get their awards: the sweep may have settled one meanwhile.
      for (const { claim } of sent) if (marked.has(claim.row.id)) await this.giveAwards(m, claim.row);
    });
    for (const { claim } of sent) outcomes.set(claim.row.id, 'sent');
    return outcomes;
  }

  /** WeChat's MsgID, or what a failure came to (recorded at once: failures are few and each settles differently). */
  private async sendOne(claim: Claimed): Promise<{ msgid: string } | Outcome> {
    const { row, template, openid, data } = claim;
    try {
      return await this.wechat.sendSubscribeMessage({
        toOpenid: openid,
        templateId: template.wechatTemplateId,
        page: row.page ?? undefined,
        data,
        fieldTypes: Object.fromEntries(template.fields.map((f) => [f.key, f.type])),
        miniprogramState: MINIPROGRAM_STATE[this.config.wechat.qrEnvVersion],
      });
    } catch (error) {
      return this.recordFailure(claim, error);
    }
  }

  /** The coupon or points that come with the message, once: only the transaction that marks it sent gives them. */
  private async giveAwards(m: EntityManager, row: CampaignDelivery): Promise<void> {
    if (row.couponTemplateId !== null) {
      try {
        // A savepoint: a coupon that cannot be given (sold out, switched off) must not undo the sent record.
        const coupon = await m.transaction((inner) => this.coupons.issue(inner, { templateId: row.couponTemplateId!, memberId: row.memberId, source: row.campaignId !== null ? 'campaign' : 'automation', sourceId: `delivery-${row.id}` }));
        await this.deliveries.setCoupon(m, row.id, coupon.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await this.deliveries.note(m, row.id, `coupon not given: ${error.message}`);
      }
    }
    if (row.pointsAward) {
      await this.points.credit(m, LedgerEntryType.EARN, row.pointsAward, { memberId: row.memberId, sourceType: 'message', sourceId: `delivery-${row.id}`, reason: '活动赠送积分', dedupeKey: `delivery-${row.id}` });
    }
  }

  private async recordFailure({ row, week }: Claimed, error: unknown): Promise<Outcome> {
    const notSent = error instanceof WechatError && (error.api !== 'sendSubscribeMessage' || (error instanceof WechatUnreachableError && !error.mayHaveReachedWechat));
    const transient = error instanceof WechatError && (error.transient || notSent) && !(error instanceof WechatUnreachableError && error.mayHaveReachedWechat);
    return this.tx.run(async (m) => {
      if (error instanceof WechatUnreachableError && error.mayHaveReachedWechat) {
        // WeChat may have delivered it: the quota stays spent and the message is never sent again.
        await this.deliveries.markUnknown(m, row.id, error.message);
        return 'unknown';
      }
      if (!(error instanceof WechatError)) {
        this.logger.error({ err: error, delivery: row.id }, 'send failed unexpectedly; recorded as unknown');
        await this.deliveries.markUnknown(m, row.id, error instanceof Error ? error.message : String(error));
        return 'unknown';
      }
      // Not sent: the message no longer counts towards the member's weekly cap.
      if (week) await this.weekCounts.giveBack(m, week, [row.memberId]);
      if (error instanceof WechatQuotaExhaustedError) {
        // WeChat says no accept is left: our count was wrong, so it is set to what WeChat says.
        await this.deliveries.markFailed(m, row.id, error.errcode, error.errmsg);
        await this.quota.zero(m, row.memberId, row.templateId);
        return 'failed';
      }
      await this.quota.giveBack(m, row.memberId, row.templateId);
      if (transient && row.attempts < MAX_ATTEMPTS) {
        const wait = error instanceof WechatRateLimitedError ? Math.max(retryDelayMs(row.attempts), 60_000) : retryDelayMs(row.attempts);
        await this.deliveries.requeue(m, [row.id], 'sending', new Date(this.clock.now().getTime() + wait), `retry after ${error.errcode ?? 'no answer'}`);
        return 'retry';
      }
      await this.deliveries.markFailed(m, row.id, error.errcode, error.errmsg);
      return 'failed';
    });
  }

  /** Per campaign: add to its running totals, pause it when too many sends fail, complete it when nothing is left. */
  private async afterBatch(campaigns: Map<number, Campaign>, claimed: Claimed[], outcomes: Map<number, Outcome>): Promise<void> {
    for (const campaign of campaigns.values()) {
      const mine = claimed.filter((c) => c.row.campaignId === campaign.id).map((c) => outcomes.get(c.row.id));
      const sent = mine.filter((o) => o === 'sent').length;
      const failed = mine.filter((o) => o === 'failed').length;
      await this.tx.run(async (m) => {
        await this.campaigns.addOutcomes(m, campaign.id, sent, failed);
        const fresh = await this.campaigns.byId(m, campaign.id);
        if (fresh && errorRateTooHigh(fresh.sentCount, fresh.failedCount, ERROR_RATE)) {
          await this.campaigns.transition(m, campaign.id, ['sending'], 'paused', { at: this.clock.now(), pauseReason: `发送失败率过高（${fresh.failedCount}/${fresh.sentCount + fresh.failedCount}），已自动暂停，请检查模板与落地页` });
        }
      });
    }
  }
}

const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

