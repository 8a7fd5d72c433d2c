import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../../common/db/named-lock';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { JobQueue } from '../../common/queue/job-queue';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { MembersRepository } from '../../members/members.repository';
import { SegmentsRepository } from '../../segments/segments.repository';
import { SegmentsService } from '../../segments/segments.service';
import { SubscriptionQuota } from '../../subscriptions/subscription-quota';
import { isHeldOut, quietUntil } from '../campaign-rules';
import { CampaignsRepository } from '../campaigns.repository';
import { DeliveriesRepository, NewDelivery } from '../deliveries.repository';
import { DeliveryDispatcher } from '../delivery-dispatcher';
import { Campaign } from '../entities/campaign.entity';
import { landingPage } from '../message-rendering';

export const FANOUT_JOB = 'campaigns.fanout';
/** Members per fan-out transaction: few enough that a fan-out cut short repeats little, many enough that commits are rare. */
const BATCH = 5000;

/**
 * Starting a campaign: its segment frozen into a snapshot, then one delivery row per member, made
 * in member-id batches that each commit with the cursor, so a fan-out cut short resumes where it
 * stopped and the unique key (campaign, member) makes any repeat a no-op.
 */
@Injectable()
export class FanOutCampaignUseCase implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly segments: SegmentsRepository,
    private readonly segmentReads: SegmentsService,
    private readonly members: MembersRepository,
    private readonly quota: SubscriptionQuota,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  onModuleInit(): void {
    this.queue.register<{ campaignId: number }>(FANOUT_JOB, ({ campaignId }) => this.fanOut(campaignId));
  }

  /** Freezes the audience and moves the campaign to sending; the fan-out runs as a job. False when it had already started. */
  async start(campaign: Campaign, startedBy: number): Promise<boolean> {
    const segment = await this.tx.read((m) => this.segments.byId(m, campaign.segmentId));
    if (!segment) {
      await this.tx.run((m) => this.campaigns.transition(m, campaign.id, ['draft', 'scheduled'], 'paused', { at: this.clock.now(), pauseReason: '分群已被删除，无法确定发送对象' }));
      return false;
    }
    const query = await this.segmentReads.queryAllStores(JSON.parse(segment.rulesJson) as unknown);
    const now = this.clock.now();
    const started = await this.tx.run(async (m) => {
      if (!(await this.campaigns.transition(m, campaign.id, ['draft', 'scheduled'], 'sending', { at: now, startedAt: now }))) return false;
      const snapshot = await this.segments.snapshot(m, { segmentId: segment.id, rulesJson: segment.rulesJson, takenBy: startedBy, takenAt: now }, query);
      await this.campaigns.update(m, campaign.id, { snapshotId: snapshot.id });
      return true;
    });
    if (started) await this.resume(campaign.id);
    return started;
  }

  /**
   * Puts the fan-out on the queue. No job id: BullMQ would ignore a second add while the first
   * job's record is kept, and two fan-outs of one campaign only insert rows the other skips.
   */
  async resume(campaignId: number): Promise<void> {
    await this.queue.add(FANOUT_JOB, { campaignId });
  }

  /** Makes the deliveries still missing; stops early when the campaign is paused or cancelled. One at a time per campaign. */
  async fanOut(campaignId: number): Promise<void> {
    await withNamedLock(this.dataSource, `huiyuan:campaign-fanout:${campaignId}`, 0, () => this.fanOutBatches(campaignId));
  }

  private async fanOutBatches(campaignId: number): Promise<void> {
    for (;;) {
      const campaign = await this.tx.read((m) => this.campaigns.byId(m, campaignId));
      if (!campaign || campaign.status !== 'sending' || campaign.fanoutDone || campaign.snapshotId === null) return;
      const ids = await this.tx.read((m) => this.segments.snapshotMemberIdsAfter(m, campaign.snapshotId!, campaign.fanoutAfter, BATCH));
      if (ids.length === 0) {
        await this.tx.run((m) => this.campaigns.advanceFanout(m, campaignId, campaign.fanoutAfter, true));
        return;
      }
      const rows = await this.rowsFor(campaign, ids);
      await this.tx.run(async (m) => {
        await this.deliveries.insertMany(m, rows);
        await this.campaigns.advanceFanout(m, campaignId, ids[ids.length - 1]!, false);
      });
      this.dispatcher.soon();
    }
  }

  private async rowsFor(campaign: Campaign, ids: number[]): Promise<NewDelivery[]> {
    const now = this.clock.now();
    const { profiles, withQuota } = await this.tx.read(async (m) => {
      const found = await this.members.messageProfiles(m, ids);
      const reachable = ids.filter((id) => found.get(id)?.openid);
      return { profiles: found, withQuota: await this.quota.membersWithQuota(m, campaign.templateId, reachable) };
    });
    // Held in quiet hours from the start, so nothing is put on the queue only to be put back.
    const notBefore = quietUntil(now, { start: campaign.quietStart, end: campaign.quietEnd }, this.calendar.timeZone) ?? now;
    const page = landingPage(campaign.page, campaign.id);
    return ids.map((memberId) => {
      const reachable = Boolean(profiles.get(memberId)?.openid);
      // The holdout is drawn from the reachable audience (an openid and an accept left), so it compares like with like.
      const status = !reachable ? 'skipped_no_openid' : withQuota.has(memberId) && isHeldOut(campaign.id, memberId, campaign.holdoutPercent) ? 'skipped_holdout' : 'queued';
      return {
        campaignId: campaign.id,
        automationId: null,
        occurrenceKey: null,
        memberId,
        templateId: campaign.templateId,
        lane: 'campaign',
        status,
        fieldValuesJson: null,
        page,
        couponTemplateId: campaign.couponTemplateId,
        pointsAward: null,
        notBefore,
        notAfter: null,
        createdAt: now,
      };
    });
  }
}
