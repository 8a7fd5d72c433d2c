import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { JoinMemberUseCase } from '../../src/members/usecases/join-member.usecase';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

describe('points mall: listing, redeeming, limits and stock under concurrency', () => {
  let t: TestApp;
  let hq: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-01T04:00:00.000Z' });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
  });
  afterAll(async () => {
    await t.close();
  });

  async function createReward(reward: { title: string; pointsPrice: number; stock: number; perMemberLimit?: number; minTierRank?: number; onAt?: string; sortOrder?: number }, template: object = {}): Promise<number> {
    const created = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(hq))
      .send({ title: reward.title, kind: 'cash', amountCents: 1000, minSpendCents: 5000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all', ...template })
      .expect(201);
    const res = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ ...reward, couponTemplateId: created.body.id }).expect(201);
    return res.body.id as number;
  }

  /** Members straight through the join use-case: the HTTP join adds nothing these tests need and costs seconds at 500. */
  async function manyMembers(prefix: string, n: number): Promise<Array<{ id: number; token: string }>> {
    const join = t.get(JoinMemberUseCase);
    const members: Array<{ id: number; token: string }> = [];
    for (let i = 0; i < n; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, (_, k) => join.execute({ kind: 'member', openid: `${prefix}-${i + k}`, unionid: null, memberId: null }, undefined, PRIVACY_NOTICE_VERSION)),
      );
      members.push(...batch.map((o) => ({ id: o.value.member.id, token: o.value.token as string })));
    }
    return members;
  }

  async function pointsInvariantsHold(): Promise<void> {
    const rows: Array<{ id: number; balance: number; ledger: number | null; lots: number | null }> = await t.dataSource.query(
      `SELECT m.id, m.points_balance AS balance,
              (SELECT SUM(delta) FROM points_ledger l WHERE l.member_id = m.id) AS ledger,
              (SELECT SUM(remaining) FROM points_lots p WHERE p.member_id = m.id) AS lots
       FROM members m`,
    );
    const broken = rows.filter((r) => Number(r.balance) < 0 || Number(r.balance) !== Number(r.ledger ?? 0) || Number(r.balance) !== Number(r.lots ?? 0));
    expect(broken).toEqual([]);
  }

  it('lists what is on sale now, in HQ order, with the seeded demo rewards and stock left', async () => {
    const member = await joinMember(t, 'openid-browse');
    await createReward({ title: '明日上架', pointsPrice: 10, stock: 5, onAt: '2026-03-02T00:00:00.000Z' });
    const res = await t.http.get('/api/v1/rewards').set(bearer(member.token)).expect(200);
    const titles = (res.body.items as Array<{ title: string }>).map((r) => r.title);
    expect(titles).toEqual(['满50减10元券', '中杯饮品券', '静安旗舰店8.5折券', '会员专属礼盒']);
    expect(res.body.items[0]).toMatchObject({ pointsPrice: 200, stockLeft: 500, perMemberLimit: 5, couponTemplate: { kind: 'cash', faceText: '满50减10', validityText: '领取后30天内有效', storesText: '全部门店通用' } });
    expect(res.body.items[3].minTier).toMatchObject({ code: 'GOLD' });

    const firstPage = await t.http.get('/api/v1/rewards').query({ limit: 2 }).set(bearer(member.token)).expect(200);
    const second = await t.http.get('/api/v1/rewards').query({ limit: 2, cursor: firstPage.body.nextCursor }).set(bearer(member.token)).expect(200);
    expect([...firstPage.body.items, ...second.body.items].map((r: { title: string }) => r.title)).toEqual(titles);

    const detail = await t.http.get(`/api/v1/rewards/${res.body.items[1].id}`).set(bearer(member.token)).expect(200);
    expect(detail.body).toMatchObject({ title: '中杯饮品券', pointsPrice: 100, couponTemplate: { kind: 'gift', faceText: '任意中杯饮品一杯' } });
  });

  it('redeems the drink coupon with the 100 welcome points: one ledger entry, a coupon in the wallet', async () => {
    const member = await joinMember(t, 'openid-drink');
    const list = await t.http.get('/api/v1/rewards').set(bearer(member.token)).expect(200);
    const drink = (list.body.items as Array<{ id: number; title: string }>).find((r) => r.title === '中杯饮品券')!;
    const res = await t.http.post(`/api/v1/rewards/${drink.id}/redemptions`).set(bearer(member.token)).send({}).expect(201);
    expect(res.body).toEqual({ coupon: { id: expect.any(Number), code: expect.stringMatching(/^[A-Z2-9]{13}$/), status: 'active', expiresAt: '2026-03-07T16:00:00.000Z' }, balance: 0 });
    const ledger: Array<{ delta: number; reason: string; source_type: string }> = await t.dataSource.query('SELECT delta, reason, source_type FROM points_ledger WHERE member_id = ? ORDER BY id', [member.id]);
    expect(ledger.map((e) => [Number(e.delta), e.reason, e.source_type])).toEqual([[100, '新会员入会礼', 'welcome'], [-100, '兑换 中杯饮品券', 'redemption']]);
    const wallet = await t.http.get('/api/v1/coupons').set(bearer(member.token)).expect(200);
    expect(wallet.body.items).toHaveLength(1);
    expect(wallet.body.items[0]).toMatchObject({ code: res.body.coupon.code, faceText: '任意中杯饮品一杯', status: 'active' });

    const poor = await t.http.post(`/api/v1/rewards/${drink.id}/redemptions`).set(bearer(member.token)).send({}).expect(409);
    expect(poor.body.error.code).toBe('POINTS_INSUFFICIENT');
    const left: Array<{ stock_left: number }> = await t.dataSource.query('SELECT stock_left FROM rewards WHERE id = ?', [drink.id]);
    expect(Number(left[0]?.stock_left)).toBe(999);
  });

  it('answers a retry with the same Idempotency-Key with the same coupon and takes points once', async () => {
    const member = await joinMember(t, 'openid-retry');
    const id = await createReward({ title: '重试券', pointsPrice: 30, stock: 10 });
    const first = await t.http.post(`/api/v1/rewards/${id}/redemptions`).set(bearer(member.token)).set('Idempotency-Key', 'redeem-retry-0001').send({}).expect(201);
    const retry = await t.http.post(`/api/v1/rewards/${id}/redemptions`).set(bearer(member.token)).set('Idempotency-Key', 'redeem-retry-0001').send({}).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(first.body.balance).toBe(70);
    const coupons: Array<{ n: number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM coupons WHERE member_id = ?', [member.id]);
    expect(Number(coupons[0]?.n)).toBe(1);
    const card = await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200);
    expect(card.body.points).toBe(70);
  });

  it('refuses rewards not on sale, above the member tier, or unknown', async () => {
    const member = await joinMember(t, 'openid-refused');
    const list = await t.http.get('/api/v1/rewards').set(bearer(member.token)).expect(200);
    const giftBox = (list.body.items as Array<{ id: number; title: string }>).find((r) => r.title === '会员专属礼盒')!;
    const tier = await t.http.post(`/api/v1/rewards/${giftBox.id}/redemptions`).set(bearer(member.token)).send({}).expect(409);
    expect(tier.body.error).toMatchObject({ code: 'REWARD_NOT_AVAILABLE', message: expect.stringContaining('金卡会员') });
    const later = await createReward({ title: '未上架', pointsPrice: 10, stock: 5, onAt: '2026-04-01T00:00:00.000Z' });
    expect((await t.http.post(`/api/v1/rewards/${later}/redemptions`).set(bearer(member.token)).send({}).expect(409)).body.error.code).toBe('REWARD_NOT_AVAILABLE');
    await t.http.get(`/api/v1/rewards/${later}`).set(bearer(member.token)).expect(404);
    expect((await t.http.post('/api/v1/rewards/999999/redemptions').set(bearer(member.token)).send({}).expect(404)).body.error.code).toBe('REWARD_NOT_FOUND');
    const card = await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200);
    expect(card.body.points).toBe(100);
  });

  it('gives one member hammering a limit-1 reward 20 times in parallel exactly one coupon', async () => {
    const member = await joinMember(t, 'openid-hammer');
    const id = await createReward({ title: '限兑一次', pointsPrice: 5, stock: 100, perMemberLimit: 1 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => t.http.post(`/api/v1/rewards/${id}/redemptions`).set(bearer(member.token)).send({})));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(19).fill('REWARD_LIMIT_REACHED'));
    const coupons: Array<{ n: number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM coupons WHERE member_id = ?', [member.id]);
    expect(Number(coupons[0]?.n)).toBe(1);
    const card = await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200);
    expect(card.body.points).toBe(95);
    await pointsInvariantsHold();
  });

  it('sells a stock of 10 to exactly 10 of 500 members redeeming at once; the rest keep their points', async () => {
    const members = await manyMembers('openid-crowd', 500);
    const id = await createReward({ title: '限量十份', pointsPrice: 60, stock: 10 });
    const responses = await Promise.all(members.map((m) => t.http.post(`/api/v1/rewards/${id}/redemptions`).set(bearer(m.token)).send({})));
    const won = responses.filter((r) => r.status === 201);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((r) => r.body.coupon.code)).size).toBe(10);
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body.error?.code)).toEqual(Array(490).fill('REWARD_SOLD_OUT'));

    const ids = members.map((m) => m.id);
    const spent: Array<{ n: number; points: number | null }> = await t.dataSource.query(
      `SELECT COUNT(*) AS n, SUM(delta) AS points FROM points_ledger WHERE source_type = 'redemption' AND member_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    expect(Number(spent[0]?.n)).toBe(10);
    expect(Number(spent[0]?.points)).toBe(-600);
    const balances: Array<{ points_balance: number; n: number }> = await t.dataSource.query(
      `SELECT points_balance, COUNT(*) AS n FROM members WHERE id IN (${ids.map(() => '?').join(',')}) GROUP BY points_balance ORDER BY points_balance`,
      ids,
    );
    expect(balances.map((b) => [Number(b.points_balance), Number(b.n)])).toEqual([[40, 10], [100, 490]]);
    const reward: Array<{ stock_total: number; stock_left: number }> = await t.dataSource.query('SELECT stock_total, stock_left FROM rewards WHERE id = ?', [id]);
    const issued: Array<{ n: number }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM coupons WHERE source = 'redemption' AND source_id IN (SELECT CAST(id AS CHAR) FROM reward_redemptions WHERE reward_id = ?)", [id]);
    expect(Number(reward[0]?.stock_left)).toBe(0);
    expect(Number(issued[0]?.n)).toBeLessThanOrEqual(Number(reward[0]?.stock_total));
    expect(Number(issued[0]?.n)).toBe(10);
    await pointsInvariantsHold();
  });

  it('lets HQ restock, never below what was redeemed, and keeps the editor to HQ', async () => {
    const id = await createReward({ title: '补货测试', pointsPrice: 10, stock: 2 });
    const member = await joinMember(t, 'openid-restock');
    await t.http.post(`/api/v1/rewards/${id}/redemptions`).set(bearer(member.token)).send({}).expect(201);
    const body = (stock: number) => ({ title: '补货测试', pointsPrice: 10, couponTemplateId: 1, stock });
    const list = await t.http.get('/api/v1/staff/rewards').set(bearer(hq)).expect(200);
    const current = (list.body.items as Array<{ id: number; couponTemplate: { id: number } }>).find((r) => r.id === id)!;
    const restocked = await t.http.put(`/api/v1/staff/rewards/${id}`).set(bearer(hq)).send({ ...body(5), couponTemplateId: current.couponTemplate.id }).expect(200);
    expect(restocked.body).toMatchObject({ stock: 5, stockLeft: 4, redeemed: 1 });
    const tooLow = await t.http.put(`/api/v1/staff/rewards/${id}`).set(bearer(hq)).send({ ...body(0), couponTemplateId: current.couponTemplate.id }).expect(400);
    expect(tooLow.body.error.message).toContain('stock');
    const manager = await staffToken(t, 'demo-manager');
    await t.http.post('/api/v1/staff/rewards').set(bearer(manager)).send(body(1)).expect(403);
  });
});
