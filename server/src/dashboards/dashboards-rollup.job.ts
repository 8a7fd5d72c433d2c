import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DashboardStatus } from '@huiyuan/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { RFM_GROUPS } from '../tags/rule-tags';
import { dayChunks, eachDay } from './dashboard-rules';
import { DayBounds, DashboardsRepository, FigureRow, SnapshotRow } from './dashboards.repository';

export const DASHBOARDS_ROLLUP_JOB = 'dashboards-rollup';
export const ROLLUP_STATUS_KEY = 'dashboards.rollup';
const EVERY_MS = 10 * 60_000;
/**
 * Days this recent are recounted on every run, because their rows still change: a make-up check-in
 * lands in an earlier day of the month and raises later streaks, a verification is undone, a coupon
 * or a referral moves on. Older days are final.
 */
export const REOPEN_DAYS = 40;
const CHUNK_DAYS = 31;

/** Rows a transaction wrote just before a run began may commit after it read: the next run looks this far back. */
const WATERMARK_SLACK_MS = 5 * 60_000;

export const LIFECYCLE_KEYS = ['lifecycle.active', 'lifecycle.dormant', 'lifecycle.lost'] as const;

/** The metric names of the rollup rows; the service reads them back by these. */
export const METRIC = {
  joined: 'members.joined',
  pointsIn: 'points.in',
  pointsOut: 'points.out',
  checkins: 'checkins',
  streaks: 'checkins.streak',
  couponsIssued: 'coupons.issued',
  couponsMall: 'coupons.mall',
  couponsVerified: 'coupons.verified',
  couponsCross: 'coupons.cross',
  couponsExpired: 'coupons.expired',
  referrals: 'referrals',
  membersNow: 'members.now',
  liability: 'points.liability',
  lifecycle: 'members.lifecycle',
  rfmMembers: 'rfm.members',
  rfmSpend: 'rfm.spend',
} as const;

/** Figures recounted together, because the same kind of change touches them (see touchedSince). */
type FigureGroup = 'stamped' | 'checkins' | 'verifications' | 'stateless';
const FIGURE_GROUPS: FigureGroup[] = ['stamped', 'checkins', 'verifications', 'stateless'];
const GROUP_METRICS: Record<FigureGroup, string[]> = {
  stamped: [METRIC.joined, METRIC.pointsIn, METRIC.pointsOut, METRIC.couponsIssued, METRIC.couponsMall],
  checkins: [METRIC.checkins, METRIC.streaks],
  verifications: [METRIC.couponsVerified, METRIC.couponsCross],
  stateless: [METRIC.couponsExpired, METRIC.referrals],
};
const allFrom = (day: string): Record<FigureGroup, string> => ({ stamped: day, checkins: day, verifications: day, stateless: day });
const earliest = (a: string, b: string) => (a < b ? a : b);
const latest = (a: string, b: string) => (a > b ? a : b);

/**
 * Keeps the dashboards' figures: whole business days recounted from the source tables into
 * `dashboard_daily` (everything from the first join on the first run; then, of the last REOPEN_DAYS
 * days, only those written to since the last run), and the state figures rewritten into `dashboard_snapshot`. The watermark (`frozenThrough`)
 * and the time of the run sit in programme settings. A panel then sums rollup rows, never the ledger.
 */
@Injectable()
export class DashboardsRollupJob implements OnModuleInit {
  private readonly logger = new Logger('DashboardsRollupJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly repository: DashboardsRepository,
    private readonly programme: ProgrammeService,
    private readonly scheduler: JobScheduler,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: DASHBOARDS_ROLLUP_JOB, everyMs: EVERY_MS, run: async () => (await this.run()) ?? { skipped: 'another instance holds the lock' } });
  }

  status(): Promise<DashboardStatus> {
    return this.programme.get<DashboardStatus>(ROLLUP_STATUS_KEY, { asOf: null, durationMs: null, frozenThrough: null });
  }

  /** Null when another instance is running it. */
  async run(): Promise<DashboardStatus & { days: number } | null> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:dashboards-rollup', 0, () => this.rollUp());
    return outcome?.value ?? null;
  }

  private async rollUp(): Promise<DashboardStatus & { days: number }> {
    const asOf = this.clock.now();
    const began = performance.now();
    const today = this.calendar.today();
    const previous = await this.status();
    const open = previous.frozenThrough ? addDays(previous.frozenThrough, 1) : await this.firstDay(today);
    const plan = previous.asOf ? await this.tx.read((m) => this.touchedSince(m, new Date(Date.parse(previous.asOf as string) - WATERMARK_SLACK_MS), open, today)) : allFrom(open);
    for (const group of FIGURE_GROUPS) {
      const from = plan[group];
      if (from > today) continue;
      for (const chunk of dayChunks(from, today, CHUNK_DAYS)) await this.tx.run((m) => this.recount(m, group, chunk.from, chunk.to));
    }
    await this.tx.run(async (m) => this.repository.replaceSnapshot(m, await this.snapshot(m)));
    const reopenFrom = addDays(today, -REOPEN_DAYS);
    const frozenThrough = previous.frozenThrough && previous.frozenThrough > reopenFrom ? previous.frozenThrough : reopenFrom;
    const status: DashboardStatus = { asOf: asOf.toISOString(), durationMs: Math.round(performance.now() - began), frozenThrough };
    await this.tx.run((m) => this.programme.set(m, ROLLUP_STATUS_KEY, status));
    // The days whose ledger, joins and coupons were recounted: the bulk of a run's work.
    const days = plan.stamped <= today ? eachDay(plan.stamped, today).length : 0;
    this.logger.log(`dashboards recounted ${days} days of the ledger (check-ins from ${plan.checkins}, expiries and referrals from ${plan.stateless}) and the snapshot in ${status.durationMs} ms`);
    return { ...status, days };
  }

  /**
   * The first day each group of figures must be recounted from, given the rows written since
   * `since` (the last run's start, less the slack). Joins, ledger entries and coupons are stamped
   * with the time they are written, so only days from `since` on can have changed. A make-up
   * check-in lands on an earlier day and raises the streaks after it; an undone verification
   * changes the day it was made. Expiries and referrals change state without a stamp of their own,
   * so their open days are all recounted (a short index range each).
   */
  private async touchedSince(m: EntityManager, since: Date, open: string, today: string): Promise<Record<FigureGroup, string>> {
    const stamped = latest(open, this.calendar.dateOf(since));
    const openStart = this.calendar.startOfDay(open);
    const makeupDay = await this.repository.earliestCheckinDayWrittenSince(m, open, stamped, since);
    const undoneAt = await this.repository.earliestVerificationUndoneSince(m, openStart, since);
    return {
      stamped,
      checkins: makeupDay && makeupDay < stamped ? makeupDay : stamped,
      verifications: undoneAt ? latest(open, earliest(stamped, this.calendar.dateOf(undoneAt))) : stamped,
      stateless: open,
    };
  }

  private async firstDay(today: string): Promise<string> {
    const first = await this.tx.read((m) => this.repository.earliestJoin(m));
    return first ? this.calendar.dateOf(first) : today;
  }

  private async recount(m: EntityManager, group: FigureGroup, from: string, to: string): Promise<void> {
    const bounds: DayBounds = { days: eachDay(from, to).map((day) => ({ day, start: this.calendar.startOfDay(day) })), end: this.calendar.startOfDay(addDays(to, 1)) };
    const rows = new Map<string, FigureRow>();
    const add = (metric: string, day: string, storeId: number, dim: string, value: number) => {
      const key = `${metric}|${day}|${storeId}|${dim}`;
      const row = rows.get(key);
      if (row) row.value += value;
      else rows.set(key, { metric, day, storeId, dim, value });
    };
    if (group === 'stamped') {
      for (const r of await this.repository.joinsByDay(m, bounds)) add(METRIC.joined, r.day, r.storeId, '', r.count);
      for (const r of await this.repository.ledgerByDay(m, bounds)) add(r.sign === 'in' ? METRIC.pointsIn : METRIC.pointsOut, r.day, r.storeId, r.type, r.value);
      for (const r of await this.repository.couponsIssuedByDay(m, bounds)) {
        add(METRIC.couponsIssued, r.day, r.storeId, String(r.templateId), r.count);
        if (r.mall) add(METRIC.couponsMall, r.day, r.storeId, String(r.templateId), r.count);
      }
    } else if (group === 'checkins') {
      for (const r of await this.repository.checkinsByDay(m, from, to)) {
        add(METRIC.checkins, r.day, r.storeId, r.kind, r.count);
        add(METRIC.streaks, r.day, r.storeId, r.bucket, r.count);
      }
    } else if (group === 'verifications') {
      for (const r of await this.repository.verificationsByDay(m, bounds)) {
        add(METRIC.couponsVerified, r.day, r.storeId, String(r.templateId), r.count);
        if (r.issuedStoreId !== 0 && r.issuedStoreId !== r.storeId) add(METRIC.couponsCross, r.day, r.storeId, String(r.issuedStoreId), r.count);
      }
    } else {
      for (const r of await this.repository.couponsExpiredByDay(m, bounds)) add(METRIC.couponsExpired, r.day, r.storeId, String(r.templateId), r.count);
      for (const r of await this.repository.referralsByDay(m, bounds)) add(METRIC.referrals, r.day, r.storeId, r.what, r.count);
    }
    await this.repository.replaceDays(m, from, to, GROUP_METRICS[group], [...rows.values()]);
  }

  private async snapshot(m: EntityManager): Promise<SnapshotRow[]> {
    const rows: SnapshotRow[] = [];
    const liability = new Map<number, number>();
    for (const r of await this.repository.membersNow(m)) {
      liability.set(r.storeId, (liability.get(r.storeId) ?? 0) + r.points);
      if (r.status === 'active') rows.push({ metric: METRIC.membersNow, storeId: r.storeId, dim: String(r.tierId), value: r.count });
    }
    for (const [storeId, points] of liability) rows.push({ metric: METRIC.liability, storeId, dim: '', value: points });
    const rfmKeys = RFM_GROUPS.map((g) => g.key as string);
    for (const r of await this.repository.ruleTagMembers(m, [...LIFECYCLE_KEYS, ...rfmKeys])) {
      if (rfmKeys.includes(r.ruleKey)) {
        rows.push({ metric: METRIC.rfmMembers, storeId: r.storeId, dim: r.ruleKey, value: r.count });
        rows.push({ metric: METRIC.rfmSpend, storeId: r.storeId, dim: r.ruleKey, value: r.spend365dCents });
      } else rows.push({ metric: METRIC.lifecycle, storeId: r.storeId, dim: r.ruleKey, value: r.count });
    }
    return rows;
  }
}
