import { Inject, Injectable } from '@nestjs/common';
import { AppBanReportsView } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../common/db/transaction-runner';
import { DomainEvents } from '../common/events/domain-events';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { banCountingFrom, banPauseReason, banReportsPause } from './app-ban-rules';
import { AppBanReportsRepository } from './app-ban-reports.repository';

/**
 * The mini-programs' 20005 reports (WeChat banned the app from subscribe messages). Any member can
 * send one (a modified client, one phone's glitch), so a single report proves nothing: every campaign
 * pauses (messaging.app_banned) once enough different members reported within the window, counted
 * since HQ last resumed after such a pause. A real ban shows on every member's phone.
 */
@Injectable()
export class AppBanWatch {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly reports: AppBanReportsRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A member's 20005, in the caller's transaction: recorded, and the pause published once the threshold is reached. */
  async reported(m: EntityManager, memberId: number): Promise<void> {
    const now = this.clock.now();
    const watch = await this.reports.lockWatch(m);
    await this.reports.record(m, memberId, now);
    // Already paused for these reports: HQ's resume starts the count again.
    if (watch.pausedAt) return;
    const rule = this.config.wechat.banReports;
    const tally = await this.reports.tally(m, banCountingFrom(now, rule, watch.resumedAt), true);
    if (!banReportsPause(tally.members, rule) || !tally.since) return;
    const reason = banPauseReason(tally.members, tally.since, this.calendar.timeZone);
    await this.reports.markPaused(m, now, reason);
    await this.events.publish(m, 'messaging.app_banned', { reason });
  }

  /** HQ resumed a campaign (in that transaction): if the reports had paused everything, older reports no longer count. */
  async resumed(m: EntityManager): Promise<void> {
    await this.reports.markResumed(m, this.clock.now());
  }

  async view(): Promise<AppBanReportsView> {
    const rule = this.config.wechat.banReports;
    const { watch, tally } = await this.tx.read(async (m) => {
      const state = await this.reports.watch(m);
      return { watch: state, tally: await this.reports.tally(m, banCountingFrom(this.clock.now(), rule, state.resumedAt), false) };
    });
    return {
      members: tally.members,
      since: tally.since?.toISOString() ?? null,
      threshold: rule.toPause,
      windowHours: rule.windowHours,
      paused: watch.pausedAt ? { at: watch.pausedAt.toISOString(), reason: watch.pauseReason ?? '' } : null,
    };
  }
}
