import type { LedgerEntry, Page } from '@huiyuan/shared-types';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { pointsInvariant } from '../factories/invariants';
import { startTestApp, TestApp } from '../setup/test-app';

describe('staff: a member points ledger, and HQ adjustments', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let s001: JoinedMember;
  let s002: JoinedMember;
  let noStore: JoinedMember;

  const ledger = (token: string, memberId: number, query: Record<string, string | number> = {}) =>
    t.http.get(`/api/v1/staff/members/${memberId}/points-ledger`).query(query).set(bearer(token));
  const adjust = (memberId: number, body: object, key?: string) => {
    const req = t.http.post(`/api/v1/staff/members/${memberId}/points-adjustments`).set(bearer(tokens['demo-hq'] as string));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-10T04:00:00.000Z' });
    await seedOrganisation(t);
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk', 'demo-clerk2']) tokens[u] = await staffToken(t, u);
    s001 = await joinMember(t, 'ledger-s001', 's=S001');
    s002 = await joinMember(t, 'ledger-s002', 's=S002');
    noStore = await joinMember(t, 'ledger-nostore');
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages newest first with a cursor, the same entries the member reads', async () => {
    // The test clock stands still: every entry has the same timestamp, so the order must come from the ids.
    for (let i = 1; i <= 4; i++) await adjust(s001.id, { delta: i * 10, reason: `第 ${i} 次补录` }).expect(201);
    const seen: LedgerEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await ledger(tokens['demo-hq'] as string, s001.id, { limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      const page = res.body as Page<LedgerEntry>;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(seen.map((e) => e.reason)).toEqual(['人工调整：第 4 次补录', '人工调整：第 3 次补录', '人工调整：第 2 次补录', '人工调整：第 1 次补录', '新会员入会礼']);
    expect(seen.map((e) => e.balanceAfter)).toEqual([200, 160, 130, 110, 100]);
    const ids = seen.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const own = await t.http.get('/api/v1/points/ledger').query({ limit: 10 }).set(bearer(s001.token)).expect(200);
    expect(own.body.items).toEqual(seen);
  });

  it.each([
    ['demo-hq', 's001', 200],
    ['demo-hq', 's002', 200],
    ['demo-hq', 'noStore', 200],
    ['demo-manager', 's001', 200],
    ['demo-clerk', 's001', 200],
    ['demo-manager', 's002', 403],
    ['demo-clerk', 's002', 403],
    ['demo-clerk2', 's001', 403],
    ['demo-clerk2', 's002', 200],
    // A member who joined without a store's code belongs to no store: HQ only.
    ['demo-clerk', 'noStore', 403],
  ])('%s reading the ledger of the %s member answers %i', async (user, who, status) => {
    const member = { s001, s002, noStore }[who as 's001' | 's002' | 'noStore'];
    const res = await ledger(tokens[user] as string, member.id).expect(status);
    if (status === 403) expect(res.body.error.code).toBe('FORBIDDEN');
    else expect(res.body.items[0]).toMatchObject({ type: expect.any(String), reason: expect.any(String) });
  });

  it('refuses members, anonymous callers, unknown members and out-of-range pages', async () => {
    expect((await ledger(s001.token, s001.id).expect(403)).body.error.code).toBe('FORBIDDEN');
    await t.http.get(`/api/v1/staff/members/${s001.id}/points-ledger`).expect(401);
    expect((await ledger(tokens['demo-hq'] as string, 999_999).expect(404)).body.error.code).toBe('MEMBER_NOT_FOUND');
    expect((await ledger(tokens['demo-clerk'] as string, 999_999).expect(404)).body.error.code).toBe('MEMBER_NOT_FOUND');
    for (const query of [{ limit: 0 }, { limit: 101 }, { cursor: 'abc' }] as Array<Record<string, string | number>>) {
      expect((await ledger(tokens['demo-hq'] as string, s001.id, query).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('adjusts once for a retried Idempotency-Key, and refuses a deduction beyond the balance', async () => {
    const key = 'hq-adjust-retry-0001';
    const body = { delta: -30, reason: '重复扣减测试' };
    const results = await Promise.all([adjust(s002.id, body, key), adjust(s002.id, body, key)]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const again = await adjust(s002.id, body, key).expect(200);
    expect(again.body).toEqual({ balance: 70 });
    const over = await adjust(s002.id, { delta: -71, reason: '超额扣减' }).expect(409);
    expect(over.body.error.code).toBe('POINTS_INSUFFICIENT');
    const page = await ledger(tokens['demo-hq'] as string, s002.id).expect(200);
    expect(page.body.items.map((e: LedgerEntry) => [e.delta, e.reason])).toEqual([[-30, '人工调整：重复扣减测试'], [100, '新会员入会礼']]);
    expect(await pointsInvariant(t.dataSource, s002.id)).toEqual({ balance: 70, ledger: 70, lots: 70 });
  });

  it('is HQ only for adjustments', async () => {
    const res = await t.http.post(`/api/v1/staff/members/${s001.id}/points-adjustments`).set(bearer(tokens['demo-manager'] as string)).send({ delta: 5, reason: '店长补分' }).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});
