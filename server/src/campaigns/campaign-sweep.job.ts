import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { MembersRepository } from '../members/members.repository';
import { MessageTemplatesService } from '../subscriptions/message-templates.service';
import { SubscribeEventsRepository } from '../subscriptions/subscribe-events.repository';
import { startOfBusinessWeek } from './campaign-rules';
import { CampaignWeekCountsRepository } from './campaign-week-counts.repository';
import { CampaignsRepository } from './campaigns.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { FanOutCampaignUseCase } from './usecases/fan-out-campaign.usecase';

export const CAMPAIGN_SWEEP_JOB = 'campaigns-sweep';
const EVERY_MS = 15_000;
/**
 * A claim older than this whose outcome was never recorded belongs to a worker that died: a send
 * waits at most for its pace slot and the gateway's 30 s send deadline, less than this.
 */
const STALE_CLAIM_MS = 60_000;
const SETTLE_BATCH = 500;

/**
 * The deployment-wide sweep: settles claims a crashed worker left in `sending` (from WeChat's sent
 * event where it arrived, otherwise `unknown`, never sent again), starts scheduled campaigns whose
 * time has come, resumes fan-outs that were cut short and marks finished campaigns completed.
 */
@Injectable()
export class CampaignSweepJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly weekCounts: CampaignWeekCountsRepository,
    private readonly members: MembersRepository,
    private readonly templates: MessageTemplatesService,
    private readonly sentEvents: SubscribeEventsRepository,
    private readonly fanOut: FanOutCampaignUseCase,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: CAMPAIGN_SWEEP_JOB, everyMs: EVERY_MS, run: () => this.run() });
  }

  async run(): Promise<{ settled: number; unknown: number; started: number; completed: number }> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:campaigns-sweep', 0, () => this.sweep());
    return outcome?.value ?? { settled: 0, unknown: 0, started: 0, completed: 0 };
  }

  private async sweep(): Promise<{ settled: number; unknown: number; started: number; completed: number }> {
    const { settled, unknown } = await this.settleStaleClaims();
    let started = 0;
    const now = this.clock.now();
    // Only this week's counts matter to the cap; last week's are kept while its last claims settle.
    const lastWeek = startOfBusinessWeek(new Date(startOfBusinessWeek(now, this.calendar.timeZone).getTime() - 1), this.calendar.timeZone);
    await this.tx.run((m) => this.weekCounts.forgetBefore(m, lastWeek));
    for (const id of await this.tx.read((m) => this.campaigns.dueScheduled(m, now))) {
      const campaign = await this.tx.read((m) => this.campaigns.byId(m, id));
      if (campaign && (await this.fanOut.start(campaign, campaign.createdBy))) started++;
    }
    let completed = 0;
    for (const { id, fanoutDone } of await this.tx.read((m) => this.campaigns.sendingIds(m))) {
      if (!fanoutDone) {
        await this.fanOut.resume(id);
        continue;
      }
      if ((await this.tx.read((m) => this.deliveries.unfinishedCount(m, id))) > 0) continue;
      if (await this.tx.run((m) => this.campaigns.transition(m, id, ['sending'], 'completed', { at: this.clock.now(), finishedAt: this.clock.now() }))) completed++;
    }
    return { settled, unknown, started, completed };
  }

  /**
   * WeChat's subscribe_msg_sent_event names the send by MsgID, which a dead worker never recorded;
   * so a stale claim is matched to an event for the same openid and template that arrived after
   * the claim and is not yet any delivery's.
   */
  private async settleStaleClaims(): Promise<{ settled: number; unknown: number }> {
    let settled = 0;
    let unknown = 0;
    for (;;) {
      const now = this.clock.now();
      const stale = await this.tx.read((m) => this.deliveries.staleSending(m, new Date(now.getTime() - STALE_CLAIM_MS), SETTLE_BATCH));
      if (stale.length === 0) break;
      const profiles = await this.tx.read((m) => this.members.messageProfiles(m, stale.map((r) => r.memberId)));
      for (const row of stale) {
        const outcome = await this.tx.run(async (m) => {
          const template = await this.templates.byId(m, row.templateId);
          const openid = profiles.get(row.memberId)?.openid;
          const events = template && openid && row.claimedAt ? await this.sentEvents.sentEventsSince(m, openid, template.wechatTemplateId, row.claimedAt) : [];
          let event = null;
          for (const candidate of events) {
            if (!(await this.deliveries.msgidTaken(m, candidate.msgId))) {
              event = candidate;
              break;
            }
          }
          if (event) {
            if (event.errorCode === 0) await this.deliveries.markSent(m, row.id, event.msgId, event.receivedAt);
            else if (await this.deliveries.markFailed(m, row.id, event.errorCode, `settled from WeChat's sent event: ${event.errorStatus}`)) {
              // Not delivered: it no longer counts towards the member's weekly cap.
              if (row.campaignId !== null && row.claimedAt) await this.weekCounts.giveBack(m, startOfBusinessWeek(row.claimedAt, this.calendar.timeZone), [row.memberId]);
            }
            return 'settled';
          }
          await this.deliveries.markUnknown(m, row.id, 'the worker stopped between claiming and recording; WeChat sent no result for it');
          return 'unknown';
        });
        if (outcome === 'settled') settled++;
        else unknown++;
      }
      if (stale.length < SETTLE_BATCH) break;
    }
    return { settled, unknown };
  }
}
