import { StaffRole } from '@huiyuan/shared-types';
import bcrypt from 'bcryptjs';
import { StaffMember } from '../../src/staff/entities/staff-member.entity';
import { DEMO_PASSWORD } from '../../src/staff/staff-rules';
import { StoresService } from '../../src/stores/stores.service';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

describe('staff: login, lock-out, roles, store scope, audit', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let s001Member: { id: number };
  let s002Member: { id: number };
  let staffIds: Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk', 'demo-clerk2']) tokens[u] = await staffToken(t, u);
    s001Member = await joinMember(t, 'openid-s001', 's=S001');
    s002Member = await joinMember(t, 'openid-s002', 's=S002');
    const list = await t.http.get('/api/v1/staff/staff').set(bearer(tokens['demo-hq'] as string)).expect(200);
    staffIds = Object.fromEntries((list.body as Array<{ username: string; id: number }>).map((s) => [s.username, s.id]));
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks an account after five wrong passwords, even with the right one', async () => {
    await t.http.post('/api/v1/staff/staff').set(bearer(tokens['demo-hq'] as string)).send({ username: 'lock-me', displayName: '锁定测试', role: 'clerk', storeCode: 'S002', password: 'correct-horse-1' }).expect(201);
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/staff/sessions').send({ username: 'lock-me', password: 'wrong-password' }).expect(401);
    const locked = await t.http.post('/api/v1/staff/sessions').send({ username: 'lock-me', password: 'correct-horse-1' }).expect(423);
    expect(locked.body.error.code).toBe('STAFF_LOCKED');
    t.clock.advance(16 * 60_000);
    await t.http.post('/api/v1/staff/sessions').send({ username: 'lock-me', password: 'correct-horse-1' }).expect(201);
  });

  it('changes a password, refusing a weak one', async () => {
    const created = await t.http.post('/api/v1/staff/staff').set(bearer(tokens['demo-manager'] as string)).send({ username: 'new-clerk', displayName: '新店员', role: 'clerk', storeCode: 'S001' }).expect(201);
    expect(created.body.oneTimePassword).toEqual(expect.any(String));
    const token = await staffToken(t, 'new-clerk', created.body.oneTimePassword);
    const weak = await t.http.post('/api/v1/staff/me/password').set(bearer(token)).send({ currentPassword: created.body.oneTimePassword, newPassword: '12345678901' }).expect(400);
    expect(weak.body.error.code).toBe('STAFF_PASSWORD_WEAK');
    const ok = await t.http.post('/api/v1/staff/me/password').set(bearer(token)).send({ currentPassword: created.body.oneTimePassword, newPassword: 'a-much-better-one' }).expect(200);
    expect(ok.body.mustChangePassword).toBe(false);
    await staffToken(t, 'new-clerk', 'a-much-better-one');
  });

  /** Every staff route that changes data or reads across stores, for each role, in and outside its store. */
  const matrix: Array<[string, string, () => { method: 'get' | 'post' | 'put'; url: string; body?: object }, number]> = [
    ['create store', 'demo-hq', () => ({ method: 'post', url: '/api/v1/staff/stores', body: { code: 'S100', name: '新店', kind: 'store', parentCode: 'HQ' } }), 201],
    ['create store', 'demo-manager', () => ({ method: 'post', url: '/api/v1/staff/stores', body: { code: 'S101', name: '新店', kind: 'store', parentCode: 'HQ' } }), 403],
    ['create store', 'demo-clerk', () => ({ method: 'post', url: '/api/v1/staff/stores', body: { code: 'S102', name: '新店', kind: 'store', parentCode: 'HQ' } }), 403],
    ['create clerk in own store', 'demo-manager', () => ({ method: 'post', url: '/api/v1/staff/staff', body: { username: 'm-own', displayName: 'x', role: 'clerk', storeCode: 'S001' } }), 201],
    ['create clerk in other store', 'demo-manager', () => ({ method: 'post', url: '/api/v1/staff/staff', body: { username: 'm-other', displayName: 'x', role: 'clerk', storeCode: 'S002' } }), 403],
    ['create manager', 'demo-manager', () => ({ method: 'post', url: '/api/v1/staff/staff', body: { username: 'm-mgr', displayName: 'x', role: 'store_manager', storeCode: 'S001' } }), 403],
    ['create clerk', 'demo-clerk', () => ({ method: 'post', url: '/api/v1/staff/staff', body: { username: 'c-clerk', displayName: 'x', role: 'clerk', storeCode: 'S001' } }), 403],
    ['create clerk anywhere', 'demo-hq', () => ({ method: 'post', url: '/api/v1/staff/staff', body: { username: 'hq-clerk', displayName: 'x', role: 'clerk', storeCode: 'S002' } }), 201],
    ['assign clerk, own store member', 'demo-manager', () => ({ method: 'put', url: `/api/v1/staff/members/${s001Member.id}/clerk`, body: { clerkId: staffIds['demo-clerk'] } }), 200],
    ['assign clerk, other store member', 'demo-manager', () => ({ method: 'put', url: `/api/v1/staff/members/${s002Member.id}/clerk`, body: { clerkId: staffIds['demo-clerk'] } }), 403],
    ['assign other store clerk', 'demo-manager', () => ({ method: 'put', url: `/api/v1/staff/members/${s001Member.id}/clerk`, body: { clerkId: staffIds['demo-clerk2'] } }), 403],
    ['assign clerk', 'demo-clerk', () => ({ method: 'put', url: `/api/v1/staff/members/${s001Member.id}/clerk`, body: { clerkId: staffIds['demo-clerk'] } }), 403],
    ['assign clerk anywhere', 'demo-hq', () => ({ method: 'put', url: `/api/v1/staff/members/${s002Member.id}/clerk`, body: { clerkId: staffIds['demo-clerk2'] } }), 200],
    ['transfer', 'demo-clerk', () => ({ method: 'post', url: '/api/v1/staff/clerk-transfers', body: { fromClerkId: staffIds['demo-clerk'], toClerkId: staffIds['demo-clerk2'] } }), 403],
    ['transfer across stores', 'demo-manager', () => ({ method: 'post', url: '/api/v1/staff/clerk-transfers', body: { fromClerkId: staffIds['demo-clerk'], toClerkId: staffIds['demo-clerk2'] } }), 403],
    ['own store poster', 'demo-clerk', () => ({ method: 'get', url: '/api/v1/staff/stores/S001/poster.png' }), 200],
    ['other store poster', 'demo-clerk', () => ({ method: 'get', url: '/api/v1/staff/stores/S002/poster.png' }), 403],
    ['other store qrcode', 'demo-manager', () => ({ method: 'get', url: '/api/v1/staff/stores/S002/qrcode.png' }), 403],
    ['any store poster', 'demo-hq', () => ({ method: 'get', url: '/api/v1/staff/stores/S002/poster.png' }), 200],
    ['audit', 'demo-manager', () => ({ method: 'get', url: '/api/v1/staff/audit' }), 403],
    ['audit', 'demo-clerk', () => ({ method: 'get', url: '/api/v1/staff/audit' }), 403],
    ['staff list', 'demo-clerk', () => ({ method: 'get', url: '/api/v1/staff/staff' }), 403],
    ['edit tier', 'demo-manager', () => ({ method: 'put', url: '/api/v1/staff/tiers/GOLD', body: { name: '金卡', rank: 3, entryGrowth: 5000, retainGrowth: 3000, benefits: { discountPercent: 95, pointsMultiplier: 1.5, birthdayBonusPoints: 0, perks: [] }, cardColor: '#c9a14a' } }), 403],
    ['member route with a staff token', 'demo-clerk', () => ({ method: 'get', url: '/api/v1/members/me' }), 403],
  ];

  it.each(matrix)('%s as %s → %i', async (_what, user, request, status) => {
    const { method, url, body } = request();
    const res = await t.http[method](url).set(bearer(tokens[user] as string)).send(body);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses staff routes without a token, and member tokens on staff routes', async () => {
    await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: '812345678903' }).expect(401);
    const member = await joinMember(t, 'openid-not-staff');
    const res = await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: '812345678903' }).set(bearer(member.token)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('transfers a clerk\'s members in bulk and audits who did it', async () => {
    await t.http.post('/api/v1/staff/staff').set(bearer(tokens['demo-manager'] as string)).send({ username: 'leaving-clerk', displayName: '离职店员', role: 'clerk', storeCode: 'S001', password: 'goodbye-and-thanks' }).expect(201);
    const list = await t.http.get('/api/v1/staff/staff').set(bearer(tokens['demo-manager'] as string)).expect(200);
    const leaving = (list.body as Array<{ username: string; id: number }>).find((s) => s.username === 'leaving-clerk')!;
    const members = await Promise.all([1, 2, 3].map((i) => joinMember(t, `openid-transfer-${i}`, 's=S001')));
    for (const m of members) await t.http.put(`/api/v1/staff/members/${m.id}/clerk`).set(bearer(tokens['demo-manager'] as string)).send({ clerkId: leaving.id }).expect(200);
    const moved = await t.http.post('/api/v1/staff/clerk-transfers').set(bearer(tokens['demo-manager'] as string)).send({ fromClerkId: leaving.id, toClerkId: staffIds['demo-clerk'] }).expect(201);
    expect(moved.body.moved).toBe(3);
    const audit = await t.http.get('/api/v1/staff/audit').query({ action: 'member.transfer_clerk' }).set(bearer(tokens['demo-hq'] as string)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'member.transfer_clerk', role: 'store_manager', staffId: staffIds['demo-manager'], after: { moved: 3 }, requestId: expect.any(String) });
  });

  it('makes a printable PNG poster with the store\'s mini-program code', async () => {
    const res = await t.http.get('/api/v1/staff/stores/S001/poster.png').set(bearer(tokens['demo-clerk'] as string)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    expect((res.body as Buffer).length).toBeGreaterThan(10_000);
  });
});

describe('staff in production: the published demo password opens nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'kq3V9x-T_bR7mW2pL8zN4cY6hJ0dF5gA1sE',
        PHONE_ENCRYPTION_KEY: 'Zt8rQ2nX5vB9mK1wP7yL3cH6jD0fG4sA-_e',
        WECHAT_APPID: 'wx0000000000000000',
        WECHAT_SECRET: 'not-used-by-staff-logins',
        WECHAT_API_BASE: 'http://127.0.0.1:9',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a login with the demo password (a demo database put in production)', async () => {
    const store = await t.get(StoresService).ensureHq(t.dataSource.manager, '总部');
    await t.dataSource.getRepository(StaffMember).insert({
      username: 'demo-hq',
      displayName: '演示总部',
      passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 10),
      role: StaffRole.HQ_ADMIN,
      storeId: store.id,
      failedLogins: 0,
      active: true,
      mustChangePassword: false,
      createdAt: new Date(),
    });
    const refused = await t.http.post('/api/v1/staff/sessions').send({ username: 'demo-hq', password: DEMO_PASSWORD }).expect(400);
    expect(refused.body.error.code).toBe('STAFF_PASSWORD_WEAK');
  });
});
