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

/**
 * Keeps the dashboards' figures: whole business days recounted from the source tables into
 * `dashboard_daily` (everything from the first join on the first run, then the last REOPEN_DAYS
 * days), and the state figures rewritten into `dashboard_snapshot`. The watermark (`frozenThrough`)
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
    const first = previous.frozenThrough ? addDays(previous.frozenThrough, 1) : await this.firstDay(today);
    const chunks = first <= today ? dayChunks(first, today, CHUNK_DAYS) : [];
    for (const chunk of chunks) await this.tx.run((m) => this.recount(m, chunk.from, chunk.to));
    await this.tx.run(async (m) => this.repository.replaceSnapshot(m, await this.snapshot(m)));
    const reopenFrom = addDays(today, -REOPEN_DAYS);
    const frozenThrough = previous.frozenThrough && previous.frozenThrough > reopenFrom ? previous.frozenThrough : reopenFrom;
    const status: DashboardStatus = { asOf: asOf.toISOString(), durationMs: Math.round(performance.now() - began), frozenThrough };
    await this.tx.run((m) => this.programme.set(m, ROLLUP_STATUS_KEY, status));
    const days = chunks.length === 0 ? 0 : eachDay(first, today).length;
    this.logger.log(`dashboards rolled up ${days} days and the snapshot in ${status.durationMs} ms`);
    return { ...status, days };
  }

  private async firstDay(today: string): Promise<string> {
    const first = await this.tx.read((m) => this.repository.earliestJoin(m));
    return first ? this.calendar.dateOf(first) : today;
  }

  private async recount(m: EntityManager, from: string, to: string): Promise<void> {
    const bounds: DayBounds = { days: eachDay(from, to).map((day) => ({ day, start: this.calendar.startOfDay(day) })), end: this.calendar.startOfDay(addDays(to, 1)) };
    const rows = new Map<string, FigureRow>();
    const add = (metric: string, day: string, storeId: number, dim: string, value: number) => {
      const key = `${metric}|${day}|${storeId}|${dim}`;
      const row = rows.get(key);
      if (row) row.value += value;
      else rows.set(key, { metric, day, storeId, dim, value });
    };
    for (const r of await this.repository.joinsByDay(m, bounds)) add(METRIC.joined, r.day, r.storeId, '', r.count);
    for (const r of await this.repository.ledgerByDay(m, bounds)) add(r.sign === 'in' ? METRIC.pointsIn : METRIC.pointsOut, r.day, r.storeId, r.type, r.value);
    for (const r of await this.repository.checkinsByDay(m, from, to)) {
      add(METRIC.checkins, r.day, r.storeId, r.kind, r.count);
      add(METRIC.streaks, r.day, r.storeId, r.bucket, r.count);
    }
    for (const r of await this.repository.couponsIssuedByDay(m, bounds)) {
      add(METRIC.couponsIssued, r.day, r.storeId, String(r.templateId), r.count);
      if (r.mall) add(METRIC.couponsMall, r.day, r.storeId, String(r.templateId), r.count);
    }
    for (const r of await this.repository.verificationsByDay(m, bounds)) {
      add(METRIC.couponsVerified, r.day, r.storeId, String(r.templateId), r.count);
      if (r.issuedStoreId !== 0 && r.issuedStoreId !== r.storeId) add(METRIC.couponsCross, r.day, r.storeId, String(r.issuedStoreId), r.count);
    }
    for (const r of await this.repository.couponsExpiredByDay(m, bounds)) add(METRIC.couponsExpired, r.day, r.storeId, String(r.templateId), r.count);
    for (const r of await this.repository.referralsByDay(m, bounds)) add(METRIC.referrals, r.day, r.storeId, r.what, r.count);
    await this.repository.replaceDays(m, from, to, [...rows.values()]);
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
