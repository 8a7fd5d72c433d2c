import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** The console's lists page, sort and filter on the server and say how many match. */
describe('console lists: server-side paging, sorting, filters and totals', () => {
  let t: TestApp;
  let hq: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-01T04:00:00.000Z' });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    manager = await staffToken(t, 'demo-manager');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, token: string, query: object = {}) => t.http.get(path).query(query).set(bearer(token));
  const template = async (title: string, overrides: object = {}, token = hq): Promise<number> =>
    (
      await t.http
        .post('/api/v1/staff/coupon-templates')
        .set(bearer(token))
        .send({ title, kind: 'cash', amountCents: 500, minSpendCents: 0, validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all', ...overrides })
        .expect(201)
    ).body.id;

  it('pages the mall by offset with a total, filters by title and listing, and sorts by price and stock', async () => {
    const templateId = await template('分页商城券');
    for (let i = 1; i <= 7; i++) {
      await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: `分页商品${i}`, pointsPrice: 100 * ((i * 3) % 7) + 10, stock: i, couponTemplateId: templateId, sortOrder: i, active: i !== 4 }).expect(201);
    }
    const first = await get('/api/v1/staff/rewards', hq, { q: '分页商品', limit: 3 }).expect(200);
    expect(first.body.total).toBe(7);
    expect(first.body.items.map((r: { title: string }) => r.title)).toEqual(['分页商品1', '分页商品2', '分页商品3']);
    expect(first.body.nextCursor).toBe('3');
    const last = await get('/api/v1/staff/rewards', hq, { q: '分页商品', limit: 3, cursor: '6' }).expect(200);
    expect(last.body).toMatchObject({ total: 7, nextCursor: null });
    expect(last.body.items).toHaveLength(1);

    const listed = await get('/api/v1/staff/rewards', hq, { q: '分页商品', status: 'active', limit: 100 }).expect(200);
    expect(listed.body.total).toBe(6);
    const unlisted = await get('/api/v1/staff/rewards', hq, { q: '分页商品', status: 'inactive' }).expect(200);
    expect(unlisted.body.items.map((r: { title: string }) => r.title)).toEqual(['分页商品4']);

    const cheapest = await get('/api/v1/staff/rewards', hq, { q: '分页商品', sort: 'points_asc', limit: 100 }).expect(200);
    const prices = cheapest.body.items.map((r: { pointsPrice: number }) => r.pointsPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const dearest = await get('/api/v1/staff/rewards', hq, { q: '分页商品', sort: 'points_desc', limit: 1 }).expect(200);
    expect(dearest.body.items[0].pointsPrice).toBe(Math.max(...prices));
    const lowStock = await get('/api/v1/staff/rewards', hq, { q: '分页商品', sort: 'stock_left_asc', limit: 1 }).expect(200);
    expect(lowStock.body.items[0]).toMatchObject({ title: '分页商品1', stockLeft: 1 });
    // A % in the search is a literal character, not a wildcard.
    expect((await get('/api/v1/staff/rewards', hq, { q: '%' }).expect(200)).body.total).toBe(0);
  });

  it('answers bad list parameters with a 400 naming them', async () => {
    for (const [path, query, field] of [
      ['/api/v1/staff/rewards', { sort: 'price' }, 'sort'],
      ['/api/v1/staff/rewards', { status: 'on' }, 'status'],
      ['/api/v1/staff/rewards', { limit: 500 }, 'limit'],
      ['/api/v1/staff/coupon-templates', { kind: 'voucher' }, 'kind'],
      ['/api/v1/staff/coupon-templates', { cursor: 'abc' }, 'cursor'],
      ['/api/v1/staff/tiers', { sort: 'name' }, 'sort'],
    ] as const) {
      const res = await get(path, hq, query).expect(400);
      expect(res.body.error.message).toContain(field);
    }
  });

  it("filters templates by title, kind, status and owner; a manager sees HQ's and their own store's only", async () => {
    await t.http.put('/api/v1/staff/coupon-settings').set(bearer(hq)).send({ undoWindowMinutes: 10, managersMayCreateTemplates: true }).expect(200);
    await template('筛选-现金券');
    await template('筛选-折扣券', { kind: 'discount', amountCents: null, minSpendCents: null, ratePercent: 85 });
    await template('筛选-停用券', { active: false });
    const own = await template('筛选-门店券', { storeScope: 'issuing' }, manager);

    const all = await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', limit: 2 }).expect(200);
    expect(all.body).toMatchObject({ total: 4, nextCursor: '2' });
    expect(all.body.items[0].title).toBe('筛选-门店券');
    const byTitle = await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', sort: 'title', limit: 100 }).expect(200);
    const titles = byTitle.body.items.map((x: { title: string }) => x.title);
    expect(titles).toHaveLength(4);
    expect(titles).toEqual([...titles].sort());
    expect((await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', kind: 'discount' }).expect(200)).body.items.map((x: { title: string }) => x.title)).toEqual(['筛选-折扣券']);
    expect((await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', status: 'inactive' }).expect(200)).body.items.map((x: { title: string }) => x.title)).toEqual(['筛选-停用券']);
    expect((await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', owner: 'store' }).expect(200)).body.items.map((x: { id: number }) => x.id)).toEqual([own]);
    expect((await get('/api/v1/staff/coupon-templates', hq, { q: '筛选-', owner: 'hq' }).expect(200)).body.total).toBe(3);

    // The manager's view: HQ's templates and the store's own.
    const mine = await get('/api/v1/staff/coupon-templates', manager, { q: '筛选-', owner: 'store' }).expect(200);
    expect(mine.body.items.map((x: { id: number }) => x.id)).toEqual([own]);
    const managerAll = await get('/api/v1/staff/coupon-templates', manager, { q: '筛选-', limit: 100 }).expect(200);
    expect(managerAll.body.total).toBe(4);
  });

  it('sorts and searches tiers, with the total', async () => {
    const byRank = await get('/api/v1/staff/tiers', hq).expect(200);
    const ranks = byRank.body.items.map((x: { rank: number }) => x.rank);
    expect(byRank.body.total).toBe(ranks.length);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const desc = await get('/api/v1/staff/tiers', hq, { sort: 'rank_desc', limit: 2 }).expect(200);
    expect(desc.body.items.map((x: { rank: number }) => x.rank)).toEqual([ranks.at(-1), ranks.at(-2)]);
    expect(desc.body.nextCursor).toBe('2');
    const gold = await get('/api/v1/staff/tiers', hq, { q: 'gold' }).expect(200);
    expect(gold.body).toMatchObject({ total: 1, items: [{ code: 'GOLD' }] });
    // Every staff member may read the tiers (the counter tool shows them).
    await get('/api/v1/staff/tiers', await staffToken(t, 'demo-clerk')).expect(200);
  });

  it("gives the day's verifications and the audit log their totals", async () => {
    const templateId = await template('合计-核销券');
    const clerk = await staffToken(t, 'demo-clerk');
    for (let i = 0; i < 3; i++) {
      const member = await joinMember(t, `openid-lists-${i}`);
      const coupon = await t.http.post('/api/v1/staff/coupons').set(bearer(hq)).send({ memberCardNo: member.cardNo, templateId, reason: '合计测试' }).expect(201);
      await t.http.post('/api/v1/staff/coupon-verifications').set(bearer(clerk)).send({ code: coupon.body.code }).expect(201);
    }
    const day = await get('/api/v1/staff/coupon-verifications', clerk).expect(200);
    expect(day.body.total).toBe(3);
    expect(day.body.items).toHaveLength(3);
    const otherDay = await get('/api/v1/staff/coupon-verifications', clerk, { date: '2026-02-27' }).expect(200);
    expect(otherDay.body).toMatchObject({ total: 0, items: [] });

    const issued = await get('/api/v1/staff/audit', hq, { action: 'coupon.issue', limit: 2 }).expect(200);
    expect(issued.body.items).toHaveLength(2);
    expect(issued.body.total).toBeGreaterThanOrEqual(3);
    // The total is of the whole filtered log, so the next page reports the same one.
    const next = await get('/api/v1/staff/audit', hq, { action: 'coupon.issue', limit: 2, before: issued.body.nextCursor }).expect(200);
    expect(next.body.total).toBe(issued.body.total);
  });
});
