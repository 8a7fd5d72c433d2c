import { LedgerEntryType } from '@huiyuan/shared-types';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { PointsExpiryJob } from '../../src/points/points-expiry.job';
import { PointsLedger } from '../../src/points/points-ledger';
import { TierEvaluationJob } from '../../src/members/tier-evaluation.job';
import { bearer, joinMember, memberCodeOf, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { pointsInvariant } from '../factories/invariants';
import { startTestApp, TestApp } from '../setup/test-app';

describe('points: purchases, refunds, tiers, expiry, ledger', () => {
  let t: TestApp;
  let clerk: string;
  let clerk2: string;
  let hq: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-10T04:00:00.000Z' });
    await seedOrganisation(t);
    [clerk, clerk2, hq] = await Promise.all([staffToken(t, 'demo-clerk'), staffToken(t, 'demo-clerk2'), staffToken(t, 'demo-hq')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const purchase = (token: string, body: object, key?: string) => {
    const req = t.http.post('/api/v1/staff/purchases').set(bearer(token));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  it('awards points by the rule (whole yuan, rounded down) and growth, with the tier discount for the till', async () => {
    const m = await joinMember(t, 'pts-award');
    const res = await purchase(clerk, { cardNo: m.cardNo, amountCents: 12_999, orderNo: 'A-1' }).expect(201);
    expect(res.body).toMatchObject({ points: 129, balance: 229, growth: 129, discountPercent: 100, tier: { code: 'BASE' }, duplicate: false });
    const ledger = await t.http.get('/api/v1/points/ledger').set(bearer(m.token)).expect(200);
    expect(ledger.body.items[0]).toMatchObject({ delta: 129, balanceAfter: 229, type: 'earn', reason: '消费 ¥129.99 获得积分' });
    expect(ledger.body.items[1]).toMatchObject({ delta: 100, reason: '新会员入会礼' });
  });

  it('awards an order once: a retry and a second clerk get the first result, marked duplicate', async () => {
    const m = await joinMember(t, 'pts-dup');
    const results = await Promise.all(Array.from({ length: 10 }, () => purchase(clerk, { cardNo: m.cardNo, amountCents: 5000, orderNo: 'DUP-1' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.duplicate === true)).toHaveLength(9);
    expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 150, ledger: 150, lots: 150 });
    // The same order number at another store is another sale.
    await purchase(clerk2, { cardNo: m.cardNo, amountCents: 5000, orderNo: 'DUP-1' }).expect(201);
  });

  it('upgrades as soon as growth crosses the threshold, recording the change', async () => {
    const m = await joinMember(t, 'pts-upgrade');
    const res = await purchase(clerk, { cardNo: m.cardNo, amountCents: 100_000, orderNo: 'UP-1' }).expect(201);
    expect(res.body).toMatchObject({ tierChanged: true, tier: { code: 'SILVER' }, discountPercent: 98 });
    const card = await t.http.get('/api/v1/members/me').set(bearer(m.token)).expect(200);
    expect(card.body).toMatchObject({ tier: { code: 'SILVER' }, growth: 1000, nextTier: { code: 'GOLD', growthNeeded: 4000 } });
    const second = await purchase(clerk, { cardNo: m.cardNo, amountCents: 10_000, orderNo: 'UP-2' }).expect(201);
    expect(second.body.points).toBe(120);
    const history: unknown[] = await t.dataSource.query('SELECT * FROM tier_history WHERE member_id = ?', [m.id]);
    expect(history).toHaveLength(1);
  });

  it('reverses points proportionally on partial refunds and records a shortfall when points were spent', async () => {
    const m = await joinMember(t, 'pts-refund');
    const p = await purchase(clerk, { cardNo: m.cardNo, amountCents: 10_000, orderNo: 'R-1' }).expect(201);
    const half = await t.http.post(`/api/v1/staff/purchases/${p.body.id}/refunds`).set(bearer(clerk)).send({ amountCents: 5000 }).expect(201);
    expect(half.body).toMatchObject({ pointsReversed: 50, shortfall: 0, balance: 150 });
    await t.http.post(`/api/v1/staff/members/${m.id}/points-adjustments`).set(bearer(hq)).send({ delta: -140, reason: '测试消耗' }).expect(201);
    const rest = await t.http.post(`/api/v1/staff/purchases/${p.body.id}/refunds`).set(bearer(clerk)).send({ amountCents: 5000 }).expect(201);
    expect(rest.body).toMatchObject({ pointsReversed: 10, shortfall: 40, balance: 0 });
    const over = await t.http.post(`/api/v1/staff/purchases/${p.body.id}/refunds`).set(bearer(clerk)).send({ amountCents: 1 }).expect(409);
    expect(over.body.error.code).toBe('REFUND_EXCEEDS_PURCHASE');
    expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 0, ledger: 0, lots: 0 });
    const other = await t.http.post(`/api/v1/staff/purchases/${p.body.id}/refunds`).set(bearer(clerk2)).send({ amountCents: 1 }).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
  });

  it('keeps every invariant under 200 concurrent mixed earns, spends and refunds with retried idempotency keys', async () => {
    const m = await joinMember(t, 'pts-storm');
    const purchases = await Promise.all(
      Array.from({ length: 20 }, (_, i) => purchase(clerk, { cardNo: m.cardNo, amountCents: 10_000, orderNo: `S-${i}` }).expect(201)),
    );
    const ledger = t.get(PointsLedger);
    const tx = t.get(TransactionRunner);
    const operations: Array<() => Promise<{ key?: string; status: number; body: unknown }>> = [];
    for (let i = 0; i < 60; i++) {
      const key = `storm-earn-${i}`;
      const op = async () => {
        const r = await purchase(clerk, { cardNo: m.cardNo, amountCents: 1000 + i, orderNo: `SE-${i}` }, key);
        return { key, status: r.status, body: r.body };
      };
      operations.push(op, op);
    }
    for (let i = 0; i < 20; i++) {
      const key = `storm-refund-${i}`;
      const op = async () => {
        const r = await t.http.post(`/api/v1/staff/purchases/${purchases[i]!.body.id}/refunds`).set(bearer(clerk)).set('Idempotency-Key', key).send({ amountCents: 3000 + i });
        return { key, status: r.status, body: r.body };
      };
      operations.push(op, op);
    }
    for (let i = 0; i < 40; i++) {
      operations.push(async () => {
        try {
          await tx.run((mgr) => ledger.debit(mgr, LedgerEntryType.SPEND, 37, { memberId: m.id, sourceType: 'test', reason: '并发消耗' }));
          return { status: 201, body: null };
        } catch {
          return { status: 409, body: null };
        }
      });
    }
    const results = await Promise.all(operations.sort(() => Math.random() - 0.5).map((op) => op()));
    expect(results).toHaveLength(200);
    const byKey = new Map<string, Array<{ status: number; body: unknown }>>();
    for (const r of results) if (r.key) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    for (const [, pair] of byKey) {
      const ok = pair.filter((p) => p.status === 200 || p.status === 201);
      // A retry either replays the first result or was told the first is still running (409) and may retry.
      expect(ok.length).toBeGreaterThanOrEqual(1);
      if (ok.length === 2) expect(ok[1]!.body).toEqual(ok[0]!.body);
    }
    const inv = await pointsInvariant(t.dataSource, m.id);
    expect(inv.balance).toBeGreaterThanOrEqual(0);
    expect(inv.ledger).toBe(inv.balance);
    expect(inv.lots).toBe(inv.balance);
    const earned: Array<{ n: number }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM purchases WHERE member_id = ? AND order_no LIKE 'SE-%'", [m.id]);
    expect(Number(earned[0]!.n)).toBe(60);
  });

  it('expires due lots once, oldest first, and shows what expires soon', async () => {
    const m = await joinMember(t, 'pts-expiry');
    await purchase(clerk, { cardNo: m.cardNo, amountCents: 20_000, orderNo: 'E-1' }).expect(201);
    const soon = await t.http.get('/api/v1/points/expiring').query({ days: 3660 }).set(bearer(m.token)).expect(200);
    expect(soon.body.items).toEqual([{ expiresAt: '2027-12-31T16:00:00.000Z', points: 300 }]);
    t.clock.set('2028-01-02T00:00:00.000Z');
    try {
      const [first, second] = await Promise.all([t.get(PointsExpiryJob).run(), t.get(PointsExpiryJob).run()]);
      expect((first?.points ?? 0) + (second?.points ?? 0)).toBeGreaterThanOrEqual(300);
      expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 0, ledger: 0, lots: 0 });
      const again = await t.get(PointsExpiryJob).run();
      expect(again.points).toBe(0);
      // Two years on, the member logs in again: their old token has expired.
      const ledger = await t.http.get('/api/v1/points/ledger').set(bearer(await visitorToken(t, m.openid))).expect(200);
      expect(ledger.body.items[0]).toMatchObject({ type: 'expire', delta: -300, reason: '积分到期' });
    } finally {
      t.clock.set('2026-03-10T04:00:00.000Z');
    }
  });

  it('downgrades one tier at the evaluation date when the retention threshold is missed', async () => {
    const m = await joinMember(t, 'pts-downgrade');
    await purchase(clerk, { cardNo: m.cardNo, amountCents: 600_000, orderNo: 'D-1' }).expect(201);
    let card = await t.http.get('/api/v1/members/me').set(bearer(m.token)).expect(200);
    expect(card.body.tier.code).toBe('GOLD');
    t.clock.set('2027-06-01T04:00:00.000Z');
    try {
      await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
      card = await t.http.get('/api/v1/members/me').set(bearer(await visitorToken(t, m.openid))).expect(200);
      expect(card.body).toMatchObject({ tier: { code: 'SILVER' }, growth: 0 });
    } finally {
      t.clock.set('2026-03-10T04:00:00.000Z');
    }
  });

  it('refuses an order number already recorded at the store for another member, and changes neither', async () => {
    const [a, b] = await Promise.all([joinMember(t, 'pts-order-a'), joinMember(t, 'pts-order-b')]);
    await purchase(clerk, { cardNo: a.cardNo, amountCents: 5000, orderNo: 'SAME-1' }).expect(201);
    const clash = await purchase(clerk, { cardNo: b.cardNo, amountCents: 5000, orderNo: 'SAME-1' }).expect(409);
    expect(clash.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('another member') });
    expect(await pointsInvariant(t.dataSource, b.id)).toEqual({ balance: 100, ledger: 100, lots: 100 });
    // Order numbers are per store: the same number at another store is another sale.
    await purchase(clerk2, { cardNo: b.cardNo, amountCents: 5000, orderNo: 'SAME-1' }).expect(201);
  });

  it('lets a member pay with points at the till once per order, never below zero', async () => {
    const m = await joinMember(t, 'pts-pay');
    const memberCode = await memberCodeOf(t, m);
    const pay = (points: number, orderNo: string) => t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ memberCode, points, orderNo });
    const results = await Promise.all(Array.from({ length: 8 }, () => pay(30, 'PAY-1')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.duplicate)).toHaveLength(7);
    const other = await joinMember(t, 'pts-pay-other');
    const stolen = await t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ memberCode: await memberCodeOf(t, other), points: 30, orderNo: 'PAY-1' }).expect(409);
    expect(stolen.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('another member') });
    const tooMuch = await pay(71, 'PAY-2').expect(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'POINTS_INSUFFICIENT', details: { needed: 71, balance: 70 } });
    expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 70, ledger: 70, lots: 70 });
  });

  it('spends soonest-expiring lots first even when the member holds more open lots than a debit reads at once', async () => {
    const m = await joinMember(t, 'pts-many-lots');
    for (let i = 0; i < 30; i++) await purchase(clerk, { cardNo: m.cardNo, amountCents: 100, orderNo: `LOT-${i}` }).expect(201);
    // The welcome lot (100) and 19 one-point lots hold 119: a spend of 125 needs the lots after the first read.
    await t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ memberCode: await memberCodeOf(t, m), points: 125, orderNo: 'LOTS-PAY' }).expect(201);
    const lots: Array<{ remaining: number | string }> = await t.dataSource.query('SELECT remaining FROM points_lots WHERE member_id = ? ORDER BY id', [m.id]);
    expect(lots.map((l) => Number(l.remaining))).toEqual([0, ...Array<number>(25).fill(0), ...Array<number>(5).fill(1)]);
    expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 5, ledger: 5, lots: 5 });
  });

  it('spends dated lots by expiry before undated ones, whatever their age (an expiry policy changed in between)', async () => {
    const original = (await t.http.get('/api/v1/staff/earning-rules').set(bearer(hq)).expect(200)).body;
    const setExpiry = (expiry: object) => t.http.put('/api/v1/staff/earning-rules').set(bearer(hq)).send({ ...original, refundPolicyNote: undefined, expiry }).expect(200);
    try {
      const m = await joinMember(t, 'pts-mixed-lots'); // welcome 100, expiring at the end of next year
      await setExpiry({ kind: 'never' });
      await purchase(clerk, { cardNo: m.cardNo, amountCents: 5000, orderNo: 'MIX-1' }).expect(201); // 50, never expiring
      await setExpiry({ kind: 'months_after_earning', months: 1 });
      await purchase(clerk, { cardNo: m.cardNo, amountCents: 3000, orderNo: 'MIX-2' }).expect(201); // 30, expiring first
      const memberCode = await memberCodeOf(t, m);
      const pay = (points: number, orderNo: string) => t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ memberCode, points, orderNo }).expect(201);
      await pay(120, 'MIX-PAY-1');
      await pay(40, 'MIX-PAY-2');
      const lots: Array<{ remaining: number | string }> = await t.dataSource.query('SELECT remaining FROM points_lots WHERE member_id = ? ORDER BY id', [m.id]);
      expect(lots.map((l) => Number(l.remaining))).toEqual([0, 20, 0]);
      expect(await pointsInvariant(t.dataSource, m.id)).toEqual({ balance: 20, ledger: 20, lots: 20 });
    } finally {
      await t.http.put('/api/v1/staff/earning-rules').set(bearer(hq)).send({ ...original, refundPolicyNote: undefined }).expect(200);
    }
  });

  it('lets HQ change the earning rules (a member day doubles points) and audits it', async () => {
    const rules = await t.http.get('/api/v1/staff/earning-rules').set(bearer(hq)).expect(200);
    // 2026-03-10 is a Tuesday.
    await t.http.put('/api/v1/staff/earning-rules').set(bearer(hq)).send({ ...rules.body, refundPolicyNote: undefined, memberDay: { weekday: 2, multiplierPct: 200 } }).expect(200);
    await t.http.put('/api/v1/staff/earning-rules').set(bearer(clerk)).send(rules.body).expect(403);
    const m = await joinMember(t, 'pts-memberday');
    const res = await purchase(clerk, { cardNo: m.cardNo, amountCents: 10_000, orderNo: 'MD-1' }).expect(201);
    expect(res.body.points).toBe(200);
  });

  it('previews how many active members each tier would hold under other thresholds (HQ only)', async () => {
    const counts = async (thresholds: object[]) => (await t.http.post('/api/v1/staff/tiers/preview').set(bearer(hq)).send({ thresholds }).expect(200)).body.counts as Array<{ code: string; members: number }>;
    const now = await counts([]);
    const everyoneSilver = await counts([{ code: 'SILVER', entryGrowth: 0 }]);
    const total = (list: Array<{ members: number }>) => list.reduce((sum, c) => sum + c.members, 0);
    expect(total(everyoneSilver)).toBe(total(now));
    expect(everyoneSilver.find((c) => c.code === 'BASE')?.members).toBe(0);
    await t.http.post('/api/v1/staff/tiers/preview').set(bearer(clerk)).send({ thresholds: [] }).expect(403);
  });
});
