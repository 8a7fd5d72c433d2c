import { Member } from '../../src/members/entities/member.entity';
import { STANDING_FRESH_MS } from '../../src/common/auth/account-standing';
import { bearer, joinMember, memberCodeOf, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** Issue 12, items 5, 6, 9, 10, 11: sessions end when the account changes; logins resist guessing. */
describe('sessions: revocation, lock-out, login secrets, spending with the member code', () => {
  let t: TestApp;
  let hq: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
  });
  afterAll(async () => {
    await t.close();
  });

  let seq = 0;
  /** A clerk of S001 with a known password, logged in; returns its id and token. */
  async function newClerk(password = 'correct-horse-1'): Promise<{ id: number; username: string; token: string }> {
    const username = `sess-${++seq}`;
    const created = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username, displayName: '会话测试', role: 'clerk', storeCode: 'S001', password }).expect(201);
    return { id: created.body.staff.id as number, username, token: await staffToken(t, username, password) };
  }
  const lookup = (token: string) => t.http.get('/api/v1/staff/me').set(bearer(token));
  /** Another instance changed the row: this one sees it once its cached standing is older than the bound. */
  const afterStandingBound = () => t.clock.advance(STANDING_FRESH_MS + 1);

  describe('a staff token ends', () => {
    it('when the password is changed, and the answer carries a token for the new one', async () => {
      const clerk = await newClerk();
      await lookup(clerk.token).expect(200);
      const changed = await t.http.post('/api/v1/staff/me/password').set(bearer(clerk.token)).send({ currentPassword: 'correct-horse-1', newPassword: 'battery-staple-2' }).expect(200);
      const ended = await lookup(clerk.token).expect(401);
      expect(ended.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('password was changed') });
      await lookup(changed.body.token as string).expect(200);
    });

    it('when HQ resets the password from another instance (direct write), within the bound', async () => {
      const clerk = await newClerk();
      await lookup(clerk.token).expect(200);
      const other = await newClerk('another-pass-9');
      const [{ password_hash: hash }] = await t.dataSource.query('SELECT password_hash FROM staff WHERE id = ?', [other.id]);
      await t.dataSource.query('UPDATE staff SET password_hash = ? WHERE id = ?', [hash, clerk.id]);
      afterStandingBound();
      await lookup(clerk.token).expect(401);
    });

    it.each([
      ['disabled', 'UPDATE staff SET active = 0 WHERE id = ?', [], 'disabled'],
      ['demoted', "UPDATE staff SET role = 'clerk', store_id = (SELECT id FROM stores WHERE code = 'S002') WHERE id = ?", [], 'role or store'],
      ['deleted', 'DELETE FROM staff WHERE id = ?', [], 'removed'],
    ])('when the account is %s', async (_what, sql, params, why) => {
      const clerk = await newClerk();
      await lookup(clerk.token).expect(200);
      await t.dataSource.query(sql, [...params, clerk.id]);
      afterStandingBound();
      const res = await lookup(clerk.token).expect(401);
      expect(res.body.error.message).toContain(why);
    });

    it('when a manager is demoted to clerk, even on routes a clerk may use', async () => {
      const created = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username: 'sess-mgr', displayName: '店长', role: 'store_manager', storeCode: 'S001', password: 'correct-horse-1' }).expect(201);
      const token = await staffToken(t, 'sess-mgr', 'correct-horse-1');
      await t.http.get('/api/v1/staff/staff').set(bearer(token)).expect(200);
      await t.dataSource.query("UPDATE staff SET role = 'clerk' WHERE id = ?", [created.body.staff.id]);
      afterStandingBound();
      await t.http.get('/api/v1/staff/staff').set(bearer(token)).expect(401);
      await lookup(token).expect(401);
    });
  });

  it('keeps a staff member with a one-time password to changing it', async () => {
    const created = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username: 'sess-otp', displayName: '新人', role: 'clerk', storeCode: 'S001' }).expect(201);
    const otp = created.body.oneTimePassword as string;
    const token = await staffToken(t, 'sess-otp', otp);
    const refused = await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: '812345678903' }).set(bearer(token)).expect(403);
    expect(refused.body.error.code).toBe('STAFF_PASSWORD_CHANGE_REQUIRED');
    expect((await lookup(token).expect(200)).body.mustChangePassword).toBe(true);
    const changed = await t.http.post('/api/v1/staff/me/password').set(bearer(token)).send({ currentPassword: otp, newPassword: 'my-own-pass-7' }).expect(200);
    const member = await joinMember(t, 'sess-otp-member');
    await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: member.cardNo }).set(bearer(changed.body.token as string)).expect(200);
  });

  it('stores no login answer under an Idempotency-Key, so a replay cannot return an old token', async () => {
    const clerk = await newClerk();
    const key = 'login-replay-0001';
    const first = await t.http.post('/api/v1/staff/sessions').set('Idempotency-Key', key).send({ username: clerk.username, password: 'correct-horse-1' }).expect(201);
    await t.http.post('/api/v1/staff/me/password').set(bearer(first.body.token as string)).set('Idempotency-Key', 'pw-change-0001').send({ currentPassword: 'correct-horse-1', newPassword: 'battery-staple-3' }).expect(200);
    const replay = await t.http.post('/api/v1/staff/sessions').set('Idempotency-Key', key).send({ username: clerk.username, password: 'correct-horse-1' });
    expect(replay.status).toBe(401);
    const created = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).set('Idempotency-Key', 'create-staff-0001').send({ username: 'sess-otp-2', displayName: '新人', role: 'clerk', storeCode: 'S001' }).expect(201);
    const stored: Array<{ body: string | null }> = await t.dataSource.query('SELECT response_body AS body FROM idempotency_records');
    const secrets = [first.body.token as string, created.body.oneTimePassword as string];
    for (const row of stored) for (const secret of secrets) expect(row.body ?? '').not.toContain(secret);
    expect(stored.some((r) => (r.body ?? '').includes('"token"'))).toBe(false);
  });

  describe('a deleted member', () => {
    it('cannot write personal data into the anonymised row with the old token', async () => {
      const member = await joinMember(t, 'sess-deleted');
      await t.http.delete('/api/v1/members/me').set(bearer(member.token)).expect(204);
      const profile = await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ nickname: '还在', region: '上海' }).expect(404);
      expect(profile.body.error.code).toBe('MEMBER_NOT_FOUND');
      const phoneCode = await t.http.post('/sandbox/wechat/dev/phone-code').send({ phoneNumber: '13800001111' }).expect(200);
      await t.http.post('/api/v1/members/me/phone').set(bearer(member.token)).send({ code: phoneCode.body.code }).expect(404);
      await t.http.post('/api/v1/checkins').set(bearer(member.token)).send({}).expect(404);
      const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
      expect(row).toMatchObject({ nickname: null, region: null, phoneCipher: null, phoneHash: null, phoneLast4: null, status: 'deleted' });
    });

    it('deleted by another instance: writes still miss the anonymised row before the standing is refreshed', async () => {
      const member = await joinMember(t, 'sess-deleted-elsewhere');
      await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200);
      await t.dataSource.query("UPDATE members SET status = 'deleted', openid = NULL WHERE id = ?", [member.id]);
      await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ nickname: '还在' }).expect(404);
      const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
      expect(row.nickname).toBeNull();
    });
  });

  describe('staff login lock-out', () => {
    it('counts parallel guesses atomically: thirty at once get five password checks', async () => {
      const clerk = await newClerk();
      const guesses = await Promise.all(Array.from({ length: 30 }, () => t.http.post('/api/v1/staff/sessions').set('X-Forwarded-For', '203.0.113.7').send({ username: clerk.username, password: 'wrong-password' })));
      expect(guesses.filter((r) => r.status === 401)).toHaveLength(5);
      expect(guesses.filter((r) => r.status === 423)).toHaveLength(25);
      // The owner at the till (another address) is not locked out by the stranger.
      await t.http.post('/api/v1/staff/sessions').set('X-Forwarded-For', '198.51.100.20').send({ username: clerk.username, password: 'correct-horse-1' }).expect(201);
      await t.http.post('/api/v1/staff/sessions').set('X-Forwarded-For', '203.0.113.7').send({ username: clerk.username, password: 'correct-horse-1' }).expect(423);
    });
  });

  it('spends points only with the rotating member code, never the card number', async () => {
    const member = await joinMember(t, 'sess-spender');
    const clerk = await staffToken(t, 'demo-clerk2');
    const byCard = await t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ cardNo: member.cardNo, points: 10, orderNo: 'CARD-ONLY' }).expect(400);
    expect(byCard.body.error.code).toBe('VALIDATION_FAILED');
    const balance = async () => (await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200)).body.points as number;
    expect(await balance()).toBe(100);
    await t.http.post('/api/v1/staff/points-payments').set(bearer(clerk)).send({ memberCode: await memberCodeOf(t, member), points: 10, orderNo: 'WITH-CODE' }).expect(201);
    expect(await balance()).toBe(90);
  });

  it.each([['ten spaces', ' '.repeat(10)], ['one letter ten times', 'aaaaaaaaaa'], ['two letters', 'abababababab'], ['letters only, few', 'aaaaabbbbbccc']])('refuses a weak staff password: %s', async (_what, password) => {
    const res = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username: `weak-${++seq}`, displayName: '弱密码', role: 'clerk', storeCode: 'S001', password }).expect(400);
    expect(res.body.error.code).toBe('STAFF_PASSWORD_WEAK');
  });
});

describe('rate limits on logins, code exchanges and joins, per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5' } });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['staff login', '/api/v1/staff/sessions', { username: 'nobody', password: 'whatever-1' }],
    ['code exchange', '/api/v1/auth/wechat', { code: 'not-a-code' }],
    ['join', '/api/v1/members', { consentVersion: 'x' }],
  ])('%s: the sixth request in a minute from one address is refused before any work', async (_what, url, body) => {
    const from = (ip: string) => t.http.post(url).set('X-Forwarded-For', ip).send(body);
    for (let i = 0; i < 5; i++) expect((await from('192.0.2.1')).status).not.toBe(429);
    const limited = await from('192.0.2.1').expect(429);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: expect.any(String) } });
    expect((await from('192.0.2.2')).status).not.toBe(429);
    t.clock.advance(60_000);
    expect((await from('192.0.2.1')).status).not.toBe(429);
  });
});
