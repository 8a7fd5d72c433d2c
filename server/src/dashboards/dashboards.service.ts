import { Injectable } from '@nestjs/common';
import {
  CampaignsDashboard,
  CheckinsDashboard,
  CouponsDashboard,
  DashboardStoreRef,
  MembersDashboard,
  PointsDashboard,
  ReferralsDashboard,
  RfmDashboard,
  STREAK_BUCKETS,
  StaffRole,
} from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { CampaignsService } from '../campaigns/campaigns.service';
import { EarningRulesService } from '../points/earning-rules.service';
import { StoreScope } from '../stores/store-scope';
import { storeNotFound } from '../stores/stores.errors';
import { RFM_GROUPS } from '../tags/rule-tags';
import { TiersService } from '../tiers/tiers.service';
import { eachDay, liabilityValueCents, pointsFlows, rangeProblem, verificationRate } from './dashboard-rules';
import { DashboardsRepository, StoreFilter } from './dashboards.repository';
import { DashboardsRollupJob, METRIC } from './dashboards-rollup.job';
import { dashboardRangeInvalid } from './dashboards.errors';

export interface DashboardRange {
  from: string;
  to: string;
  storeCode?: string;
}

interface Scoped {
  from: string;
  to: string;
  stores: StoreFilter;
  asOf: string | null;
}

/** The panels: sums of the rollup rows of the stores the staff member sees, or of the store or region they picked. */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: DashboardsRepository,
    private readonly rollup: DashboardsRollupJob,
    private readonly scope: StoreScope,
    private readonly tiers: TiersService,
    private readonly earning: EarningRulesService,
    private readonly campaignResults: CampaignsService,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  async members(staff: StaffPrincipal, range: DashboardRange): Promise<MembersDashboard> {
    const q = await this.scoped(staff, range);
    const [daily, before, now, tiers] = await Promise.all([
      this.tx.read((m) => this.repository.dailySums(m, [METRIC.joined], q.from, q.to, q.stores)),
      this.tx.read((m) => this.repository.totalBefore(m, METRIC.joined, q.from, q.stores)),
      this.tx.read((m) => this.repository.snapshot(m, [METRIC.membersNow, METRIC.lifecycle], q.stores)),
      this.tiers.all(),
    ]);
    const joinedOn = sumBy(daily, (r) => r.day);
    let cumulative = before;
    const days = eachDay(q.from, q.to).map((day) => {
      const joined = joinedOn.get(day) ?? 0;
      cumulative += joined;
      return { day, joined, cumulative };
    });
    const members = now.filter((r) => r.metric === METRIC.membersNow);
    const byTierId = sumBy(members, (r) => Number(r.dim));
    const lifecycle = sumBy(
      now.filter((r) => r.metric === METRIC.lifecycle),
      (r) => r.dim,
    );
    return {
      asOf: q.asOf,
      total: members.reduce((n, r) => n + r.value, 0),
      joinedInRange: days.reduce((n, d) => n + d.joined, 0),
      active: lifecycle.get('lifecycle.active') ?? 0,
      dormant: lifecycle.get('lifecycle.dormant') ?? 0,
      lost: lifecycle.get('lifecycle.lost') ?? 0,
      byTier: tiers.map((t) => ({ tierCode: t.code, tierName: t.name, count: byTierId.get(t.id) ?? 0 })),
      byStore: await this.byStore(sumBy(members, (r) => r.storeId)),
      daily: days,
    };
  }

  async points(staff: StaffPrincipal, range: DashboardRange): Promise<PointsDashboard> {
    const q = await this.scoped(staff, range);
    const metrics = [METRIC.pointsIn, METRIC.pointsOut];
    const [daily, perStore, liabilityRows, rules] = await Promise.all([
      this.tx.read((m) => this.repository.dailySums(m, metrics, q.from, q.to, q.stores)),
      this.tx.read((m) => this.repository.storeSums(m, metrics, q.from, q.to, q.stores)),
      this.tx.read((m) => this.repository.snapshot(m, [METRIC.liability], q.stores)),
      this.earning.get(),
    ]);
    const sign = (metric: string) => (metric === METRIC.pointsIn ? ('in' as const) : ('out' as const));
    const flowsOf = (rows: Array<{ metric: string; dim: string; value: number }>) => pointsFlows(rows.map((r) => ({ sign: sign(r.metric), type: r.dim, value: r.value })));
    const liabilityByStore = sumBy(liabilityRows, (r) => r.storeId);
    const liability = liabilityRows.reduce((n, r) => n + r.value, 0);
    const storeRows = groupBy(perStore, (r) => r.storeId);
    const dayRows = groupBy(daily, (r) => r.day);
    const storeIds = new Set([...storeRows.keys(), ...liabilityByStore.keys()]);
    const refs = await this.storeRefs();
    const byStore = [...storeIds]
      .map((id) => ({ store: refs(id), ...flowsOf(storeRows.get(id) ?? []), liability: liabilityByStore.get(id) ?? 0 }))
      .sort((a, b) => b.issued - a.issued || b.liability - a.liability);
    return {
      asOf: q.asOf,
      ...flowsOf(daily),
      liability,
      liabilityValueCents: liabilityValueCents(liability, rules.costPer100PointsCents),
      costPer100PointsCents: rules.costPer100PointsCents,
      daily: eachDay(q.from, q.to).map((day) => ({ day, ...flowsOf(dayRows.get(day) ?? []) })),
      byStore,
    };
  }

  async checkins(staff: StaffPrincipal, range: DashboardRange): Promise<CheckinsDashboard> {
    const q = await this.scoped(staff, range);
    const rows = await this.tx.read((m) => this.repository.dailySums(m, [METRIC.checkins, METRIC.streaks], q.from, q.to, q.stores));
    const checkins = rows.filter((r) => r.metric === METRIC.checkins);
    const all = sumBy(checkins, (r) => r.day);
    const makeups = sumBy(
      checkins.filter((r) => r.dim === 'makeup'),
      (r) => r.day,
    );
    const buckets = sumBy(
      rows.filter((r) => r.metric === METRIC.streaks),
      (r) => r.dim,
    );
    return {
      asOf: q.asOf,
      total: checkins.reduce((n, r) => n + r.value, 0),
      makeups: [...makeups.values()].reduce((n, v) => n + v, 0),
      daily: eachDay(q.from, q.to).map((day) => ({ day, checkins: all.get(day) ?? 0, makeups: makeups.get(day) ?? 0 })),
      streaks: STREAK_BUCKETS.map((bucket) => ({ bucket, count: buckets.get(bucket) ?? 0 })),
    };
  }

  async coupons(staff: StaffPrincipal, range: DashboardRange): Promise<CouponsDashboard> {
    const q = await this.scoped(staff, range);
    const metrics = [METRIC.couponsIssued, METRIC.couponsMall, METRIC.couponsVerified, METRIC.couponsExpired];
    const [daily, cross] = await Promise.all([
      this.tx.read((m) => this.repository.dailySums(m, metrics, q.from, q.to, q.stores)),
      this.tx.read((m) => this.repository.storeSums(m, [METRIC.couponsCross], q.from, q.to, q.stores)),
    ]);
    const of = (metric: string) => daily.filter((r) => r.metric === metric);
    const total = (metric: string) => of(metric).reduce((n, r) => n + r.value, 0);
    const perDay = (metric: string) => sumBy(of(metric), (r) => r.day);
    const perTemplate = (metric: string) => sumBy(of(metric), (r) => Number(r.dim));
    const [issuedOn, verifiedOn, expiredOn] = [perDay(METRIC.couponsIssued), perDay(METRIC.couponsVerified), perDay(METRIC.couponsExpired)];
    const [issuedBy, verifiedBy, expiredBy] = [perTemplate(METRIC.couponsIssued), perTemplate(METRIC.couponsVerified), perTemplate(METRIC.couponsExpired)];
    const templateIds = [...new Set([...issuedBy.keys(), ...verifiedBy.keys(), ...expiredBy.keys()])];
    const titles = await this.tx.read((m) => this.repository.templateTitles(m, templateIds));
    const refs = await this.storeRefs();
    return {
      asOf: q.asOf,
      issued: total(METRIC.couponsIssued),
      redeemedInMall: total(METRIC.couponsMall),
      verified: total(METRIC.couponsVerified),
      expired: total(METRIC.couponsExpired),
      crossStore: cross.reduce((n, r) => n + r.value, 0),
      daily: eachDay(q.from, q.to).map((day) => ({ day, issued: issuedOn.get(day) ?? 0, verified: verifiedOn.get(day) ?? 0, expired: expiredOn.get(day) ?? 0 })),
      templates: templateIds
        .map((id) => {
          const issued = issuedBy.get(id) ?? 0;
          const verified = verifiedBy.get(id) ?? 0;
          return { templateId: id, title: titles.get(id) ?? `#${id}`, issued, verified, expired: expiredBy.get(id) ?? 0, verificationRate: verificationRate(verified, issued) };
        })
        .sort((a, b) => b.issued - a.issued || a.templateId - b.templateId),
      crossStorePairs: cross
        .map((r) => ({ issuedStore: refs(Number(r.dim)), usedStore: refs(r.storeId), count: r.value }))
        .sort((a, b) => b.count - a.count || a.issuedStore.code.localeCompare(b.issuedStore.code) || a.usedStore.code.localeCompare(b.usedStore.code)),
    };
  }

  async referrals(staff: StaffPrincipal, range: DashboardRange): Promise<ReferralsDashboard> {
    const q = await this.scoped(staff, range);
    const rows = await this.tx.read((m) => this.repository.dailySums(m, [METRIC.referrals], q.from, q.to, q.stores));
    const on = (what: string) => sumBy(
      rows.filter((r) => r.dim === what),
      (r) => r.day,
    );
    const [invited, qualified, rewarded, flagged] = [on('invited'), on('qualified'), on('rewarded'), on('flagged')];
    const total = (m: Map<string, number>) => [...m.values()].reduce((n, v) => n + v, 0);
    return {
      asOf: q.asOf,
      invited: total(invited),
      qualified: total(qualified),
      rewarded: total(rewarded),
      flagged: total(flagged),
      daily: eachDay(q.from, q.to).map((day) => ({ day, invited: invited.get(day) ?? 0, qualified: qualified.get(day) ?? 0, rewarded: rewarded.get(day) ?? 0, flagged: flagged.get(day) ?? 0 })),
    };
  }

  /** Campaigns started in the range, each funnel counted now over the members of the stores in scope (by join store). */
  async campaigns(staff: StaffPrincipal, range: DashboardRange): Promise<CampaignsDashboard> {
    const q = await this.scoped(staff, range);
    const asOf = this.clock.now().toISOString();
    const funnels = await this.campaignResults.funnels(this.calendar.startOfDay(q.from), this.calendar.startOfDay(addDays(q.to, 1)), q.stores);
    return { asOf, campaigns: funnels };
  }

  /** RFM groups now: no date range, the groups are today's (the tags' 12-month windows). */
  async rfm(staff: StaffPrincipal, storeCode: string | undefined): Promise<RfmDashboard> {
    const stores = await this.storeFilter(staff, storeCode);
    const [rows, status] = await Promise.all([this.tx.read((m) => this.repository.snapshot(m, [METRIC.rfmMembers, METRIC.rfmSpend], stores)), this.rollup.status()]);
    const members = sumBy(
      rows.filter((r) => r.metric === METRIC.rfmMembers),
      (r) => r.dim,
    );
    const spend = sumBy(
      rows.filter((r) => r.metric === METRIC.rfmSpend),
      (r) => r.dim,
    );
    return {
      asOf: status.asOf,
      groups: RFM_GROUPS.map((g) => {
        const count = members.get(g.key) ?? 0;
        const cents = spend.get(g.key) ?? 0;
        return { key: g.key, name: g.name, members: count, spend365dCents: cents, averageSpendCents: count === 0 ? 0 : Math.round(cents / count) };
      }),
    };
  }

  private async scoped(staff: StaffPrincipal, range: DashboardRange): Promise<Scoped> {
    const problem = rangeProblem(range.from, range.to);
    if (problem) throw dashboardRangeInvalid(problem.field, problem.problem);
    const [stores, status] = await Promise.all([this.storeFilter(staff, range.storeCode), this.rollup.status()]);
    return { from: range.from, to: range.to, stores, asOf: status.asOf };
  }

  /** The store ids a panel sums: a picked store or region with everything below it, else all the staff member sees. */
  private async storeFilter(staff: StaffPrincipal, storeCode: string | undefined): Promise<StoreFilter> {
    const stores = [...(await this.scope.stores()).values()];
    if (storeCode === undefined) {
      if (staff.role === StaffRole.HQ_ADMIN) return 'all';
      const own = stores.find((s) => s.id === staff.storeId);
      return own ? stores.filter((s) => s.path.startsWith(own.path)).map((s) => s.id) : [];
    }
    const picked = stores.find((s) => s.code === storeCode);
    if (!picked) throw storeNotFound(storeCode);
    await this.scope.assertCovers(staff, picked.id, `Store ${storeCode}`);
    return stores.filter((s) => s.path.startsWith(picked.path)).map((s) => s.id);
  }

  private async storeRefs(): Promise<(id: number | null) => DashboardStoreRef> {
    const stores = await this.scope.stores();
    return (id) => {
      const store = id ? stores.get(id) : undefined;
      return store ? { id: store.id, code: store.code, name: store.name } : { id: null, code: '', name: '未归属门店' };
    };
  }

  private async byStore(counts: Map<number, number>): Promise<Array<{ store: DashboardStoreRef; count: number }>> {
    const refs = await this.storeRefs();
    return [...counts].map(([id, count]) => ({ store: refs(id), count })).sort((a, b) => b.count - a.count || a.store.code.localeCompare(b.store.code));
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function sumBy<T extends { value: number }, K>(rows: T[], key: (row: T) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row.value);
  return sums;
}
