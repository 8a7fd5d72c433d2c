import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import type { CheckinsDashboard, CouponsDashboard, MembersDashboard, PointsDashboard, ReferralsDashboard, RfmDashboard } from '@huiyuan/shared-types';
import { fromSqlDate } from '../../src/common/db/sql';
import { businessDate } from '../../src/common/time/business-date';
import { CouponExpiryJob } from '../../src/coupons/coupon-expiry.job';
import { PointsExpiryJob } from '../../src/points/points-expiry.job';
import { DashboardsRollupJob } from '../../src/dashboards/dashboards-rollup.job';
import { RuleTagRefreshJob } from '../../src/tags/rule-tag-refresh.job';
import { bearer, JoinedMember, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const ZONE = 'Asia/Shanghai';
const FROM = '2026-11-01';
const TO = '2026-12-05';
const dayOf = (value: Date | string | null) => (value === null ? null : businessDate(fromSqlDate(value), ZONE));
const inRange = (day: string | null) => day !== null && day >= FROM && day <= TO;

/**
 * Every figure of every panel against a count made here, straight from the source tables with the
 * panels' definitions written out again, for HQ, for a manager (who must never see another store's
 * numbers) and for HQ looking at one store.
 */
describe('dashboards', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => bearer(tokens[user] as string);
  const login = async () => {
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk', 'demo-clerk2']) tokens[u] = await staffToken(t, u);
  };
  const storeId = async (code: string) => Number(((await t.dataSource.query('SELECT id FROM stores WHERE code = ?', [code])) as Array<{ id: number }>)[0]!.id);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-02T02:00:00.000Z' });
    await seedOrganisation(t);
    await login();
  });
  afterAll(async () => {
    await t.close();
  });

  async function eventually(read: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100 && !(await read()); i++) await new Promise((r) => setTimeout(r, 50));
  }

  async function seedActivity(): Promise<{ a1: JoinedMember; n1: JoinedMember }> {
    await t.http
      .put('/api/v1/staff/referral-rules')
      .set(as('demo-hq'))
      .send({ enabled: true, qualifyingEvent: 'join', referrerReward: { points: 50 }, refereeReward: { points: 20 }, refundWindowDays: 7, maxRewardsPerReferrerPerDay: 1, maxRewardsPerReferrerPerMonth: 100 })
      .expect(200);
    // Points earned now expire a month on, so the range sees some expire.
    const earning = (await t.http.get('/api/v1/staff/earning-rules').set(as('demo-hq')).expect(200)).body as Record<string, unknown>;
    const { refundPolicyNote: _note, ...earningRequest } = earning;
    await t.http.put('/api/v1/staff/earning-rules').set(as('demo-hq')).send({ ...earningRequest, expiry: { kind: 'months_after_earning', months: 1 } }).expect(200);
    const template = async (title: string, days: number) =>
      (
        await t.http
          .post('/api/v1/staff/coupon-templates')
          .set(as('demo-hq'))
          .send({ title, kind: 'cash', amountCents: 2000, minSpendCents: 10000, validity: { kind: 'relative', days, startsNextDay: false }, storeScope: 'all', usageNotes: '不与其他优惠同享' })
          .expect(201)
      ).body.id as number;
    const weekly = await template('满100减20', 7);
    const oneDay = await template('当日券', 1);
    const reward = await t.http.post('/api/v1/staff/rewards').set(as('demo-hq')).send({ title: '满100减20', pointsPrice: 50, stock: 100, couponTemplateId: weekly }).expect(201);

    // 2 November, 10:00 in Shanghai.
    const a1 = await joinMember(t, 'dash-a1', 's=S001');
    const a2 = await joinMember(t, 'dash-a2', 's=S001');
    const b1 = await joinMember(t, 'dash-b1', 's=S002');
    const n1 = await joinMember(t, 'dash-n1');
    const buy = (clerk: string, m: JoinedMember, amountCents: number, orderNo: string) => t.http.post('/api/v1/staff/purchases').set(as(clerk)).send({ cardNo: m.cardNo, amountCents, orderNo }).expect(201);
    await buy('demo-clerk', a1, 10_000, 'D-1');
    const a2Sale = await buy('demo-clerk', a2, 5_000, 'D-2');
    await buy('demo-clerk2', b1, 8_000, 'D-3');
    await buy('demo-clerk2', a1, 3_000, 'D-4');
    for (const m of [a1, b1, n1]) await t.http.post('/api/v1/checkins').set(bearer(m.token)).expect(201);
    const mallCoupon = (await t.http.post(`/api/v1/rewards/${reward.body.id}/redemptions`).set(bearer(a1.token)).send({}).expect(201)).body.coupon as { code: string };
    const staffCoupon = (await t.http.post('/api/v1/staff/coupons').set(as('demo-manager')).send({ memberCardNo: a2.cardNo, templateId: weekly, reason: '到店礼' }).expect(201)).body as { code: string };

    // 4 November, 00:30 in Shanghai: still the 3rd in UTC, the 4th on the business clock.
    t.clock.set('2026-11-03T16:30:00.000Z');
    await login();
    for (const m of [a1, b1]) await t.http.post('/api/v1/checkins').set(bearer(m.token)).expect(201);
    await t.http.post('/api/v1/staff/coupon-verifications').set(as('demo-clerk2')).send({ code: staffCoupon.code }).expect(201);
    await t.http.post('/api/v1/staff/coupon-verifications').set(as('demo-clerk')).send({ code: mallCoupon.code }).expect(201);
    await t.http.post('/api/v1/staff/coupons').set(as('demo-hq')).send({ memberCardNo: b1.cardNo, templateId: oneDay, reason: '当日活动' }).expect(201);
    const f1 = await joinMember(t, 'dash-f1', `s=S001&r=${a1.referralCode}`);
    const f2 = await joinMember(t, 'dash-f2', `s=S001&r=${a1.referralCode}`);
    await t.http.post(`/api/v1/staff/purchases/${a2Sale.body.id}/refunds`).set(as('demo-clerk')).send({ amountCents: 2_000 }).expect(201);
    await t.http.post(`/api/v1/staff/members/${b1.id}/points-adjustments`).set(as('demo-hq')).send({ delta: -10, reason: '测试扣减' }).expect(201);
    await eventually(async () => {
      const rows = (await t.dataSource.query("SELECT COUNT(*) AS n FROM referrals WHERE referee_id IN (?, ?) AND state IN ('rewarded', 'flagged')", [f1.id, f2.id])) as Array<{ n: number }>;
      return Number(rows[0]!.n) === 2;
    });

    // 20 November: the one-day coupon has expired; n1 fills in the 3rd with a make-up.
    t.clock.set('2026-11-20T04:00:00.000Z');
    await login();
    await t.get(CouponExpiryJob).run();
    await t.http.post('/api/v1/checkins/makeups').set(bearer(await visitorToken(t, n1.openid))).send({ date: '2026-11-03' }).expect(201);

    // 5 December: the points of early November have expired.
    t.clock.set('2026-12-05T04:00:00.000Z');
    await login();
    expect((await t.get(PointsExpiryJob).run()).points).toBeGreaterThan(0);
    await t.get(RuleTagRefreshJob).run();
    return { a1, n1 };
  }

  /** The figures, counted here from the rows themselves. */
  async function expected(stores: number[] | 'all') {
    const q = async <T>(sql: string) => (await t.dataSource.query(sql)) as T[];
    const members = await q<{ id: number; join_store_id: number | null; tier_id: number; status: string; points_balance: number; created_at: string | Date }>('SELECT id, join_store_id, tier_id, status, points_balance, created_at FROM members');
    const joinStore = new Map(members.map((m) => [Number(m.id), m.join_store_id === null ? 0 : Number(m.join_store_id)]));
    const seen = (id: number | null) => stores === 'all' || stores.includes(id ?? 0);
    const mine = members.filter((m) => seen(joinStore.get(Number(m.id)) ?? 0));

    const ledger = await q<{ member_id: number; store_id: number | null; type: string; delta: number; created_at: string | Date }>('SELECT member_id, store_id, type, delta, created_at FROM points_ledger');
    const entries = ledger.filter((l) => inRange(dayOf(l.created_at)) && seen(l.store_id !== null ? Number(l.store_id) : (joinStore.get(Number(l.member_id)) ?? 0)));
    const sum = (rows: Array<{ delta: number }>) => rows.reduce((n, r) => n + Number(r.delta), 0) || 0;
    const points = {
      issued: sum(entries.filter((l) => l.delta > 0 && l.type !== 'reversal')),
      spent: 0 - sum(entries.filter((l) => l.type === 'spend' || (l.type === 'reversal' && l.delta > 0))) || 0,
      expired: 0 - sum(entries.filter((l) => l.delta < 0 && l.type === 'expire')) || 0,
      clawedBack: 0 - sum(entries.filter((l) => l.delta < 0 && l.type !== 'spend' && l.type !== 'expire')) || 0,
      liability: mine.reduce((n, m) => n + Number(m.points_balance), 0),
    };

    const checkins = (await q<{ member_id: number; day: string; kind: string; streak: number }>('SELECT member_id, day, kind, streak FROM checkins')).filter((c) => inRange(c.day) && seen(joinStore.get(Number(c.member_id)) ?? 0));
    const bucket = (s: number) => (s === 1 ? '1' : s <= 3 ? '2-3' : s <= 7 ? '4-7' : s <= 14 ? '8-14' : s <= 30 ? '15-30' : '31+');

    const coupons = await q<{ id: number; template_id: number; member_id: number; issued_store_id: number | null; source: string; status: string; created_at: string | Date; expires_at: string | Date }>(
      'SELECT id, template_id, member_id, issued_store_id, source, status, created_at, expires_at FROM coupons',
    );
    const couponStore = (c: { issued_store_id: number | null; member_id: number }) => (c.issued_store_id !== null ? Number(c.issued_store_id) : (joinStore.get(Number(c.member_id)) ?? 0));
    const issued = coupons.filter((c) => inRange(dayOf(c.created_at)) && seen(couponStore(c)));
    const expiredCoupons = coupons.filter((c) => c.status === 'expired' && inRange(dayOf(c.expires_at)) && seen(couponStore(c)));
    const couponById = new Map(coupons.map((c) => [Number(c.id), c]));
    const verifications = (await q<{ coupon_id: number; store_id: number; verified_at: string | Date; undone_at: string | null }>('SELECT coupon_id, store_id, verified_at, undone_at FROM coupon_verifications')).filter(
      (v) => v.undone_at === null && inRange(dayOf(v.verified_at)) && seen(Number(v.store_id)),
    );
    const cross = verifications.filter((v) => {
      const issuedAt = couponById.get(Number(v.coupon_id))!.issued_store_id;
      return issuedAt !== null && Number(issuedAt) !== Number(v.store_id);
    });

    const referrals = (await q<{ referee_id: number; state: string; flag_reason: string | null; joined_at: string | Date; qualified_at: string | Date | null; settled_at: string | Date | null }>(
      'SELECT referee_id, state, flag_reason, joined_at, qualified_at, settled_at FROM referrals',
    )).filter((r) => seen(joinStore.get(Number(r.referee_id)) ?? 0));

    const tagged = await q<{ rule_key: string; member_id: number; spend: number | null }>(
      "SELECT t.rule_key, mt.member_id, s.spend_365d_cents AS spend FROM member_tags mt JOIN tags t ON t.id = mt.tag_id JOIN members m ON m.id = mt.member_id LEFT JOIN member_stats s ON s.member_id = mt.member_id WHERE m.status = 'active' AND (t.rule_key LIKE 'lifecycle.%' OR t.rule_key LIKE 'rfm.%')",
    );
    const withTag = (key: string) => tagged.filter((x) => x.rule_key === key && seen(joinStore.get(Number(x.member_id)) ?? 0));

    return {
      members: {
        total: mine.filter((m) => m.status === 'active').length,
        joinedInRange: mine.filter((m) => inRange(dayOf(m.created_at))).length,
        joinedBy: (day: string) => mine.filter((m) => (dayOf(m.created_at) as string) <= day).length,
        byTier: (tierId: number) => mine.filter((m) => m.status === 'active' && Number(m.tier_id) === tierId).length,
        active: withTag('lifecycle.active').length,
        dormant: withTag('lifecycle.dormant').length,
        lost: withTag('lifecycle.lost').length,
      },
      points,
      pointsOn: (day: string) => sum(entries.filter((l) => dayOf(l.created_at) === day && l.delta > 0 && l.type !== 'reversal')),
      checkins: {
        total: checkins.length,
        makeups: checkins.filter((c) => c.kind === 'makeup').length,
        on: (day: string) => checkins.filter((c) => c.day === day).length,
        bucket: (b: string) => checkins.filter((c) => bucket(Number(c.streak)) === b).length,
      },
      coupons: {
        issued: issued.length,
        redeemedInMall: issued.filter((c) => c.source === 'redemption').length,
        verified: verifications.length,
        expired: expiredCoupons.length,
        crossStore: cross.length,
        perTemplate: (id: number) => ({
          issued: issued.filter((c) => Number(c.template_id) === id).length,
          verified: verifications.filter((v) => Number(couponById.get(Number(v.coupon_id))!.template_id) === id).length,
          expired: expiredCoupons.filter((c) => Number(c.template_id) === id).length,
        }),
      },
      referrals: {
        invited: referrals.filter((r) => inRange(dayOf(r.joined_at))).length,
        qualified: referrals.filter((r) => inRange(dayOf(r.qualified_at))).length,
        rewarded: referrals.filter((r) => ['rewarded', 'approved'].includes(r.state) && inRange(dayOf(r.settled_at))).length,
        flagged: referrals.filter((r) => r.flag_reason !== null && inRange(dayOf(r.qualified_at))).length,
      },
      rfm: (key: string) => ({ members: withTag(key).length, spend365dCents: withTag(key).reduce((n, x) => n + Number(x.spend ?? 0), 0) }),
    };
  }

  async function panels(user: string, storeCode?: string) {
    const get = async <T>(panel: string) => (await t.http.get(`/api/v1/staff/dashboards/${panel}`).query({ from: FROM, to: TO, ...(storeCode ? { storeCode } : {}) }).set(as(user)).expect(200)).body as T;
    return {
      members: await get<MembersDashboard>('members'),
      points: await get<PointsDashboard>('points'),
      checkins: await get<CheckinsDashboard>('checkins'),
      coupons: await get<CouponsDashboard>('coupons'),
      referrals: await get<ReferralsDashboard>('referrals'),
      rfm: (await t.http.get('/api/v1/staff/dashboards/rfm').query(storeCode ? { storeCode } : {}).set(as(user)).expect(200)).body as RfmDashboard,
    };
  }

  async function expectExact(user: string, stores: number[] | 'all', storeCode?: string) {
    const got = await panels(user, storeCode);
    const want = await expected(stores);
    const tiers = (await t.dataSource.query('SELECT id, code FROM tiers')) as Array<{ id: number; code: string }>;

    expect(got.members).toMatchObject({ total: want.members.total, joinedInRange: want.members.joinedInRange, active: want.members.active, dormant: want.members.dormant, lost: want.members.lost });
    for (const d of got.members.daily) expect([d.day, d.cumulative]).toEqual([d.day, want.members.joinedBy(d.day)]);
    for (const tier of tiers) expect([tier.code, got.members.byTier.find((x) => x.tierCode === tier.code)?.count]).toEqual([tier.code, want.members.byTier(Number(tier.id))]);
    expect(got.members.byStore.reduce((n, s) => n + s.count, 0)).toBe(want.members.total);

    expect(got.points).toMatchObject(want.points);
    expect(got.points.liabilityValueCents).toBe(want.points.liability);
    for (const d of got.points.daily) expect([d.day, d.issued]).toEqual([d.day, want.pointsOn(d.day)]);
    expect(got.points.byStore.reduce((n, s) => n + s.issued, 0)).toBe(want.points.issued);
    expect(got.points.byStore.reduce((n, s) => n + s.liability, 0)).toBe(want.points.liability);

    expect(got.checkins).toMatchObject({ total: want.checkins.total, makeups: want.checkins.makeups });
    for (const d of got.checkins.daily) expect([d.day, d.checkins]).toEqual([d.day, want.checkins.on(d.day)]);
    for (const s of got.checkins.streaks) expect([s.bucket, s.count]).toEqual([s.bucket, want.checkins.bucket(s.bucket)]);

    expect(got.coupons).toMatchObject({ issued: want.coupons.issued, redeemedInMall: want.coupons.redeemedInMall, verified: want.coupons.verified, expired: want.coupons.expired, crossStore: want.coupons.crossStore });
    for (const row of got.coupons.templates) expect(row).toMatchObject(want.coupons.perTemplate(row.templateId));
    expect(got.coupons.crossStorePairs.reduce((n, p) => n + p.count, 0)).toBe(want.coupons.crossStore);

    expect(got.referrals).toMatchObject(want.referrals);
    for (const g of got.rfm.groups) expect({ key: g.key, members: g.members, spend365dCents: g.spend365dCents }).toEqual({ key: g.key, ...want.rfm(g.key) });
    return got;
  }

  it('matches a direct count of every figure, for HQ, for a manager within their store, and for HQ picking a store', async () => {
    await seedActivity();
    const run = await t.get(DashboardsRollupJob).run();
    expect(run).toMatchObject({ frozenThrough: '2026-10-26' });
    expect(run!.days).toBeGreaterThanOrEqual(34);

    const hq = await expectExact('demo-hq', 'all');
    // Hand-checked so that a count that always agrees with itself cannot pass: six joined (one with no store), two verified, one across stores.
    expect(hq.members).toMatchObject({ total: 6, joinedInRange: 6 });
    expect(hq.members.byStore.find((s) => s.store.id === null)?.count).toBe(1);
    expect(hq.coupons).toMatchObject({ issued: 3, redeemedInMall: 1, verified: 2, expired: 1, crossStore: 1 });
    expect(hq.coupons.crossStorePairs).toEqual([{ issuedStore: expect.objectContaining({ code: 'S001' }), usedStore: expect.objectContaining({ code: 'S002' }), count: 1 }]);
    expect(hq.checkins).toMatchObject({ total: 6, makeups: 1 });
    expect(hq.checkins.daily.find((d) => d.day === '2026-11-04')?.checkins).toBe(2);
    expect(hq.checkins.daily.find((d) => d.day === '2026-11-03')?.checkins).toBe(1);
    expect(hq.referrals).toMatchObject({ invited: 2, qualified: 2, rewarded: 1, flagged: 1 });
    expect(hq.points.clawedBack).toBeGreaterThan(0);
    expect(hq.points.expired).toBeGreaterThan(0);

    const s001 = await storeId('S001');
    const s002 = await storeId('S002');
    const manager = await expectExact('demo-manager', [s001]);
    expect(manager.members).toMatchObject({ total: 4, joinedInRange: 4 });
    expect(manager.members.byStore.map((s) => s.store.code)).toEqual(['S001']);
    expect(manager.points.byStore.every((s) => s.store.code === 'S001')).toBe(true);
    expect(manager.coupons.verified).toBe(1);
    expect(manager.points.issued).toBeLessThan(hq.points.issued);

    await expectExact('demo-hq', [s002], 'S002');
    const other = await t.http.get('/api/v1/staff/dashboards/points').query({ from: FROM, to: TO, storeCode: 'S002' }).set(as('demo-manager')).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    await t.http.get('/api/v1/staff/dashboards/rfm').query({ storeCode: 'S002' }).set(as('demo-manager')).expect(403);
    await t.http.get('/api/v1/staff/dashboards/members').query({ from: FROM, to: TO }).set(as('demo-clerk')).expect(403);
  });

  it('recounts the open days on the next run, and a repeated run changes nothing', async () => {
    const before = await panels('demo-hq');
    await t.get(DashboardsRollupJob).run();
    expect(await panels('demo-hq')).toEqual(before);

    const late = await joinMember(t, 'dash-late', 's=S002');
    await t.http.post('/api/v1/checkins').set(bearer(late.token)).expect(201);
    expect((await panels('demo-hq')).checkins.total).toBe(before.checkins.total);
    const refreshed = await t.http.post('/api/v1/staff/dashboards/refresh').set(as('demo-hq')).expect(200);
    expect(refreshed.body).toMatchObject({ asOf: '2026-12-05T04:00:00.000Z', frozenThrough: '2026-10-26' });
    const after = await expectExact('demo-hq', 'all');
    expect(after.checkins.total).toBe(before.checkins.total + 1);
    expect(after.members.total).toBe(before.members.total + 1);
    const status = await t.http.get('/api/v1/staff/dashboards/status').set(as('demo-manager')).expect(200);
    expect(status.body).toMatchObject({ asOf: '2026-12-05T04:00:00.000Z', frozenThrough: '2026-10-26' });
  });

  it('recounts only what was written since the last run, a make-up on an earlier day and a verification undone after midnight included', async () => {
    const idle = await t.get(DashboardsRollupJob).run();
    // Nothing written since: the ledger, joins and coupons of today only.
    expect(idle!.days).toBe(1);
    const member = await joinMember(t, 'dash-watermark', 's=S001');
    const a1 = await visitorToken(t, 'dash-a1');
    const a1Id = Number(((await t.dataSource.query("SELECT id FROM members WHERE openid = 'dash-a1'")) as Array<{ id: number }>)[0]!.id);
    // The make-up costs points; a1's expired or went to the mall.
    await t.http.post(`/api/v1/staff/members/${a1Id}/points-adjustments`).set(as('demo-hq')).send({ delta: 100, reason: '补签测试' }).expect(201);
    await t.http.post('/api/v1/checkins').set(bearer(a1)).expect(201);
    const templateId = Number(((await t.dataSource.query("SELECT id FROM coupon_templates WHERE title = '满100减20'")) as Array<{ id: number }>)[0]!.id);
    const coupon = (await t.http.post('/api/v1/staff/coupons').set(as('demo-manager')).send({ memberCardNo: member.cardNo, templateId, reason: '到店礼' }).expect(201)).body as { code: string };
    await t.get(DashboardsRollupJob).run();

    // A make-up for yesterday raises today's streak; both days change, and yesterday was written to now.
    await t.http.post('/api/v1/checkins/makeups').set(bearer(a1)).send({ date: '2026-12-04' }).expect(201);
    // 23:56 on the 5th: verified; a run after midnight; then undone within the window, on the 6th.
    t.clock.set('2026-12-05T15:56:00.000Z');
    await login();
    const verification = (await t.http.post('/api/v1/staff/coupon-verifications').set(as('demo-clerk')).send({ code: coupon.code }).expect(201)).body as { id: number };
    t.clock.set('2026-12-05T16:05:10.000Z');
    expect((await t.get(DashboardsRollupJob).run())!.days).toBe(2);
    expect((await panels('demo-hq')).coupons.verified).toBe((await expected('all')).coupons.verified);
    t.clock.set('2026-12-05T16:05:50.000Z');
    await login();
    await t.http.post(`/api/v1/staff/coupon-verifications/${verification.id}/undo`).set(as('demo-manager')).expect(201);
    t.clock.set('2026-12-05T16:06:30.000Z');
    const steady = await t.get(DashboardsRollupJob).run();
    expect(steady!.days).toBe(1);
    await login();
    const after = await expectExact('demo-hq', 'all');
    expect(after.checkins.daily.find((d) => d.day === '2026-12-04')?.makeups).toBe(1);
    await expectExact('demo-manager', [await storeId('S001')]);
  });

  it('values the liability at the cost per point HQ sets', async () => {
    const rules = (await t.http.get('/api/v1/staff/earning-rules').set(as('demo-hq')).expect(200)).body as Record<string, unknown>;
    expect(rules.costPer100PointsCents).toBe(100);
    const { refundPolicyNote: _note, ...request } = rules;
    await t.http.put('/api/v1/staff/earning-rules').set(as('demo-hq')).send({ ...request, costPer100PointsCents: 50 }).expect(200);
    await t.http.put('/api/v1/staff/earning-rules').set(as('demo-hq')).send({ ...request, costPer100PointsCents: -1 }).expect(400);
    // The programme's settings are cached for a few seconds on each instance.
    let points: PointsDashboard | undefined;
    for (let i = 0; i < 80 && points?.costPer100PointsCents !== 50; i++) {
      points = (await t.http.get('/api/v1/staff/dashboards/points').query({ from: FROM, to: TO }).set(as('demo-hq')).expect(200)).body as PointsDashboard;
      if (points.costPer100PointsCents !== 50) await new Promise((r) => setTimeout(r, 100));
    }
    expect(points!.liability).toBeGreaterThan(0);
    expect(points).toMatchObject({ costPer100PointsCents: 50, liabilityValueCents: Math.round(points!.liability / 2) });
  });

  it('refuses a bad range or an unknown store with a 4xx naming it', async () => {
    const get = (query: object) => t.http.get('/api/v1/staff/dashboards/coupons').query(query).set(as('demo-hq'));
    expect((await get({ from: '2026-11-20', to: '2026-11-01' }).expect(400)).body.error.message).toMatch(/^to:/);
    expect((await get({ from: '2025-01-01', to: '2026-11-01' }).expect(400)).body.error.message).toMatch(/366/);
    expect(JSON.stringify((await get({ from: '2026-02-30', to: '2026-03-01' }).expect(400)).body)).toMatch(/from/);
    expect(JSON.stringify((await get({ from: '2026-11-01' }).expect(400)).body)).toMatch(/to/);
    expect((await get({ from: FROM, to: TO, storeCode: 'S999' }).expect(404)).body.error.code).toBe('STORE_NOT_FOUND');
    expect(PRIVACY_NOTICE_VERSION).toBeTruthy();
  });
});
