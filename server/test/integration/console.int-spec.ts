import type { CountedPage, MemberListItem, PasswordReset, StaffAccount, Store } from '@huiyuan/shared-types';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** The web console's routes: the paged member list, staff accounts, store edits, audit filters. */
describe('console: member list, staff accounts, stores, audit filters', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const members: JoinedMember[] = [];
  const as = (user: string) => bearer(tokens[user] as string);

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk']) tokens[u] = await staffToken(t, u);
    // Five members at S001 and two at S002, with nicknames and different balances.
    for (const [i, scene] of ['s=S001', 's=S001', 's=S001', 's=S001', 's=S001', 's=S002', 's=S002'].entries()) {
      const m = await joinMember(t, `openid-console-${i}`, scene);
      await t.http.patch('/api/v1/members/me/profile').set(bearer(m.token)).send({ nickname: i === 2 ? '小林_100%' : `顾客${i}` }).expect(200);
      await t.http.post('/api/v1/staff/purchases').set(as('demo-hq')).send({ cardNo: m.cardNo, amountCents: (i + 1) * 10_000, orderNo: `console-${i}` }).expect(201);
      members.push(m);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (user: string, query: Record<string, string | number>, status = 200) => {
    const res = await t.http.get('/api/v1/staff/members').query(query).set(as(user)).expect(status);
    return res.body as CountedPage<MemberListItem>;
  };

  it('pages through the members with a total and a cursor, newest first by default', async () => {
    const first = await list('demo-hq', { limit: 3 });
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    expect(first.items[0]?.cardNo).toBe(members[6]?.cardNo);
    expect(first.nextCursor).toBe('3');
    const last = await list('demo-hq', { limit: 3, cursor: 6 });
    expect(last.items.map((m) => m.cardNo)).toEqual([members[0]?.cardNo]);
    expect(last.nextCursor).toBeNull();
    expect(last.items[0]).toMatchObject({ joinStore: { code: 'S001' }, tier: { code: expect.any(String) }, joinedAt: expect.any(String) });
  });

  it('sorts by points both ways', async () => {
    const desc = await list('demo-hq', { sort: 'points_desc' });
    const points = desc.items.map((m) => m.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(points[0]).toBeGreaterThan(points[6] as number);
    const asc = await list('demo-hq', { sort: 'points_asc' });
    expect(asc.items.map((m) => m.cardNo)).toEqual(desc.items.map((m) => m.cardNo).reverse());
  });

  it('finds a member by card number or by part of a nickname (LIKE wildcards taken literally)', async () => {
    const byCard = await list('demo-hq', { q: members[3]?.cardNo as string });
    expect(byCard.items.map((m) => m.id)).toEqual([members[3]?.id]);
    const byName = await list('demo-hq', { q: '_100%' });
    expect(byName.items.map((m) => m.id)).toEqual([members[2]?.id]);
    expect((await list('demo-hq', { q: '顾客' })).total).toBe(6);
    expect((await list('demo-hq', { q: '%' })).total).toBe(1);
  });

  it('filters by join store, tier and maintaining clerk', async () => {
    expect((await list('demo-hq', { storeCode: 'S002' })).total).toBe(2);
    const top = (await list('demo-hq', { sort: 'points_desc', limit: 1 })).items[0] as MemberListItem;
    const sameTier = await list('demo-hq', { tierCode: top.tier.code });
    expect(sameTier.items.every((m) => m.tier.code === top.tier.code)).toBe(true);
    const staff = (await t.http.get('/api/v1/staff/staff-accounts').query({ q: 'demo-clerk', limit: 1 }).set(as('demo-hq')).expect(200)).body as CountedPage<StaffAccount>;
    const clerk = staff.items[0] as StaffAccount;
    await t.http.put(`/api/v1/staff/members/${members[1]?.id}/clerk`).set(as('demo-hq')).send({ clerkId: clerk.id }).expect(200);
    const mine = await list('demo-hq', { clerkId: clerk.id });
    expect(mine.items.map((m) => m.id)).toEqual([members[1]?.id]);
    expect(mine.items[0]?.maintainingClerk).toEqual({ id: clerk.id, displayName: clerk.displayName });
  });

  it('keeps a manager to their own store and clerks out, and names bad parameters', async () => {
    expect((await list('demo-manager', {})).total).toBe(5);
    expect((await list('demo-manager', { storeCode: 'S001' })).total).toBe(5);
    const other = await t.http.get('/api/v1/staff/members').query({ storeCode: 'S002' }).set(as('demo-manager')).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    await t.http.get('/api/v1/staff/members').set(as('demo-clerk')).expect(403);
    const bad = await t.http.get('/api/v1/staff/members').query({ sort: 'name', limit: 1000 }).set(as('demo-hq')).expect(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/sort/);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/limit/);
    const tier = await t.http.get('/api/v1/staff/members').query({ tierCode: 'NOPE' }).set(as('demo-hq')).expect(400);
    expect(tier.body.error.message).toMatch(/tierCode/);
  });

  it('lists staff accounts with filters, a manager seeing their own store only', async () => {
    const all = (await t.http.get('/api/v1/staff/staff-accounts').set(as('demo-hq')).expect(200)).body as CountedPage<StaffAccount>;
    expect(all.total).toBeGreaterThanOrEqual(4);
    const clerks = (await t.http.get('/api/v1/staff/staff-accounts').query({ role: 'clerk' }).set(as('demo-hq')).expect(200)).body as CountedPage<StaffAccount>;
    expect(clerks.items.every((s) => s.role === 'clerk')).toBe(true);
    const mgr = (await t.http.get('/api/v1/staff/staff-accounts').set(as('demo-manager')).expect(200)).body as CountedPage<StaffAccount>;
    expect(mgr.items.every((s) => s.store?.code === 'S001')).toBe(true);
    expect(mgr.items.map((s) => s.username)).toEqual(expect.arrayContaining(['demo-manager', 'demo-clerk']));
    await t.http.get('/api/v1/staff/staff-accounts').query({ storeCode: 'S002' }).set(as('demo-manager')).expect(403);
    await t.http.get('/api/v1/staff/staff-accounts').set(as('demo-clerk')).expect(403);
    const paged = (await t.http.get('/api/v1/staff/staff-accounts').query({ limit: 1, active: 'true' }).set(as('demo-hq')).expect(200)).body as CountedPage<StaffAccount>;
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).toBe('1');
  });

  it('resets a password to a one-time password that must be changed first, ending the old sessions', async () => {
    const created = await t.http.post('/api/v1/staff/staff').set(as('demo-manager')).send({ username: 'reset-me', displayName: '重置测试', role: 'clerk', storeCode: 'S001', password: 'first-password-1' }).expect(201);
    const id = (created.body as { staff: { id: number } }).staff.id;
    const before = await staffToken(t, 'reset-me', 'first-password-1');
    const reset = (await t.http.post(`/api/v1/staff/staff/${id}/password-resets`).set(as('demo-manager')).expect(201)).body as PasswordReset;
    expect(reset.oneTimePassword).toMatch(/^[\w-]{12}$/);
    expect(reset.staff).toMatchObject({ id, mustChangePassword: true, active: true });
    await t.http.get('/api/v1/staff/me').set(bearer(before)).expect(401);
    await t.http.post('/api/v1/staff/sessions').send({ username: 'reset-me', password: 'first-password-1' }).expect(401);
    const session = await t.http.post('/api/v1/staff/sessions').send({ username: 'reset-me', password: reset.oneTimePassword }).expect(201);
    expect(session.body.staff.mustChangePassword).toBe(true);
    const first = await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: members[0]?.cardNo as string }).set(bearer(session.body.token as string)).expect(403);
    expect(first.body.error.code).toBe('STAFF_PASSWORD_CHANGE_REQUIRED');
    const changed = await t.http.post('/api/v1/staff/me/password').set(bearer(session.body.token as string)).send({ currentPassword: reset.oneTimePassword, newPassword: 'second-password-2' }).expect(200);
    const own = await t.http.post(`/api/v1/staff/staff/${id}/password-resets`).set(bearer(changed.body.token as string)).expect(403);
    expect(own.body.error.code).toBe('FORBIDDEN');
    await t.http.post(`/api/v1/staff/staff/${id}/password-resets`).set(as('demo-clerk')).expect(403);
    // The answer holds a password: a repeated Idempotency-Key makes a new one rather than replaying it.
    const once = await t.http.post(`/api/v1/staff/staff/${id}/password-resets`).set(as('demo-hq')).set('Idempotency-Key', 'reset-key-1').expect(201);
    const again = await t.http.post(`/api/v1/staff/staff/${id}/password-resets`).set(as('demo-hq')).set('Idempotency-Key', 'reset-key-1').expect(201);
    expect(again.body.oneTimePassword).not.toBe(once.body.oneTimePassword);
    const audit = await t.http.get('/api/v1/staff/audit').query({ action: 'staff.password_reset', targetId: String(id) }).set(as('demo-hq')).expect(200);
    expect(audit.body.items).toHaveLength(3);
  });

  it('changes role, store and access within each role\'s rights', async () => {
    const created = await t.http.post('/api/v1/staff/staff').set(as('demo-hq')).send({ username: 'move-me', displayName: '调岗测试', role: 'clerk', storeCode: 'S001', password: 'transfer-pw-2026' }).expect(201);
    const id = (created.body as { staff: { id: number } }).staff.id;
    const patch = (user: string, body: object, status: number) => t.http.patch(`/api/v1/staff/staff/${id}`).set(as(user)).send(body).expect(status);

    await patch('demo-manager', { role: 'store_manager' }, 403);
    await patch('demo-manager', { storeCode: 'S002' }, 403);
    await patch('demo-clerk', { displayName: 'x' }, 403);
    const renamed = await patch('demo-manager', { displayName: '调岗测试二' }, 200);
    expect(renamed.body).toMatchObject({ displayName: '调岗测试二', role: 'clerk', store: { code: 'S001' } });
    const hqStore = await patch('demo-hq', { role: 'hq_admin' }, 400);
    expect(hqStore.body.error.message).toMatch(/storeCode/);
    const promoted = await patch('demo-hq', { role: 'store_manager', storeCode: 'S002' }, 200);
    expect(promoted.body).toMatchObject({ role: 'store_manager', store: { code: 'S002' } });
    await patch('demo-manager', { active: false }, 403);

    const session = await staffToken(t, 'move-me', 'transfer-pw-2026');
    const disabled = await patch('demo-hq', { active: false }, 200);
    expect(disabled.body.active).toBe(false);
    await t.http.get('/api/v1/staff/me').set(bearer(session)).expect(401);
    await t.http.post('/api/v1/staff/sessions').send({ username: 'move-me', password: 'transfer-pw-2026' }).expect(401);
    await patch('demo-hq', { active: true }, 200);
    await t.http.post('/api/v1/staff/sessions').send({ username: 'move-me', password: 'transfer-pw-2026' }).expect(201);

    const me = (await t.http.get('/api/v1/staff/me').set(as('demo-hq')).expect(200)).body as { id: number };
    await t.http.patch(`/api/v1/staff/staff/${me.id}`).set(as('demo-hq')).send({ active: false }).expect(403);
    const audit = await t.http.get('/api/v1/staff/audit').query({ targetType: 'staff', targetId: String(id), action: 'staff.disable' }).set(as('demo-hq')).expect(200);
    expect(audit.body.items[0]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('renames a store and moves it into a region, its subtree following, never below itself', async () => {
    await t.http.post('/api/v1/staff/stores').set(as('demo-hq')).send({ code: 'R9', name: '华南区', kind: 'region', parentCode: 'HQ' }).expect(201);
    await t.http.post('/api/v1/staff/stores').set(as('demo-hq')).send({ code: 'S900', name: '深圳店', kind: 'store', parentCode: 'HQ' }).expect(201);
    await t.http.patch('/api/v1/staff/stores/S900').set(as('demo-manager')).send({ name: 'x' }).expect(403);
    const moved = await t.http.patch('/api/v1/staff/stores/S900').set(as('demo-hq')).send({ name: '深圳万象城店', parentCode: 'R9' }).expect(200);
    const stores = (await t.http.get('/api/v1/staff/stores').set(as('demo-hq')).expect(200)).body as Store[];
    const region = stores.find((s) => s.code === 'R9') as Store;
    expect(moved.body).toMatchObject({ code: 'S900', name: '深圳万象城店', parentId: region.id });
    await t.http.post('/api/v1/staff/stores').set(as('demo-hq')).send({ code: 'R10', name: '深圳片区', kind: 'region', parentCode: 'R9' }).expect(201);
    const cycle = await t.http.patch('/api/v1/staff/stores/R9').set(as('demo-hq')).send({ parentCode: 'R10' }).expect(400);
    expect(cycle.body.error.message).toMatch(/parentCode/);
    await t.http.patch('/api/v1/staff/stores/S900').set(as('demo-hq')).send({ parentCode: 'S001' }).expect(400);

    // A manager of the region now covers the moved store (scope follows the rewritten path).
    await t.http.post('/api/v1/staff/staff').set(as('demo-hq')).send({ username: 'south-mgr', displayName: '华南经理', role: 'store_manager', storeCode: 'R9', password: 'south-manager-pw' }).expect(201);
    const south = await staffToken(t, 'south-mgr', 'south-manager-pw');
    await t.http.get('/api/v1/staff/stores/S900/qrcode.png').set(bearer(south)).expect(200);
    await t.http.get('/api/v1/staff/stores/S001/qrcode.png').set(bearer(south)).expect(403);
  });

  it('filters the audit log by staff, target and business day', async () => {
    const me = (await t.http.get('/api/v1/staff/me').set(as('demo-hq')).expect(200)).body as { id: number };
    const mine = await t.http.get('/api/v1/staff/audit').query({ staffId: me.id, targetType: 'store' }).set(as('demo-hq')).expect(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
    expect((mine.body.items as Array<{ staffId: number; targetType: string }>).every((r) => r.staffId === me.id && r.targetType === 'store')).toBe(true);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.calendar.timeZone }).format(t.clock.now());
    const all = await t.http.get('/api/v1/staff/audit').query({ targetType: 'store' }).set(as('demo-hq')).expect(200);
    const day = await t.http.get('/api/v1/staff/audit').query({ from: today, to: today, targetType: 'store' }).set(as('demo-hq')).expect(200);
    expect(day.body.items.length).toBe(all.body.items.length);
    const yesterday = await t.http.get('/api/v1/staff/audit').query({ to: '2020-01-01' }).set(as('demo-hq')).expect(200);
    expect(yesterday.body.items).toEqual([]);
    const bad = await t.http.get('/api/v1/staff/audit').query({ from: '2026-13-01' }).set(as('demo-hq')).expect(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/from/);
  });
});
