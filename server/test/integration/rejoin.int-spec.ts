import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * Issue 12, item 7: deleting an account and joining again must not farm the programme. The rule:
 * one welcome gift per WeChat user (openid or unionid) for good, no referral reward on a return, and
 * the deleted account's coupons are void.
 */
describe('delete and rejoin', () => {
  let t: TestApp;
  let hq: string;
  let clerk: string;
  let templateId: number;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    [hq, clerk] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-clerk')]);
    const template = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(hq))
      .send({ title: '饮品券', kind: 'gift', giftDescription: '饮品一杯', validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all' })
      .expect(201);
    templateId = template.body.id as number;
  });
  afterAll(async () => {
    await t.close();
  });

  const joinAs = async (login: { openid: string; unionid?: string }, scene?: string) => {
    const { code } = (await t.http.post('/sandbox/wechat/dev/login').send(login).expect(200)).body as { code: string };
    const visitor = (await t.http.post('/api/v1/auth/wechat').send({ code }).expect(200)).body.token as string;
    const joined = await t.http.post('/api/v1/members').set(bearer(visitor)).send({ consentVersion: PRIVACY_NOTICE_VERSION, ...(scene ? { scene } : {}) }).expect(201);
    return joined.body as { token: string; member: { id: number; cardNo: string; points: number; referralCode: string }; attributionNotice: string | null };
  };
  const leave = (token: string) => t.http.delete('/api/v1/members/me').set(bearer(token)).expect(204);

  it('gives the welcome points once per openid, and voids the deleted account’s coupons', async () => {
    const first = await joinAs({ openid: 'rejoin-openid' });
    expect(first.member.points).toBe(100);
    const coupon = await t.http.post('/api/v1/staff/coupons').set(bearer(hq)).send({ memberCardNo: first.member.cardNo, templateId, reason: '补发饮品券' }).expect(201);
    await leave(first.token);

    const verify = await t.http.post('/api/v1/staff/coupon-verifications').set(bearer(clerk)).send({ code: coupon.body.code as string }).expect(404);
    expect(verify.body.error).toMatchObject({ code: 'COUPON_NOT_FOUND', message: expect.stringContaining('voided') });

    const again = await joinAs({ openid: 'rejoin-openid' });
    expect(again.member.id).not.toBe(first.member.id);
    expect(again.member.points).toBe(0);
    const ledger = await t.http.get('/api/v1/points/ledger').set(bearer(again.token)).expect(200);
    expect(ledger.body.items).toEqual([]);

    // And after a second deletion, a third join is still a return.
    await leave(again.token);
    expect((await joinAs({ openid: 'rejoin-openid' })).member.points).toBe(0);
  });

  it('recognises the same person by unionid under another openid', async () => {
    const first = await joinAs({ openid: 'rejoin-app-a', unionid: 'union-rejoin-1' });
    expect(first.member.points).toBe(100);
    await leave(first.token);
    expect((await joinAs({ openid: 'rejoin-app-b', unionid: 'union-rejoin-1' })).member.points).toBe(0);
  });

  it('pays no referral reward for a returning member', async () => {
    const referrer = await joinMember(t, 'rejoin-referrer');
    const first = await joinAs({ openid: 'rejoin-referred' });
    await leave(first.token);
    const again = await joinAs({ openid: 'rejoin-referred' }, `s=S001&r=${referrer.referralCode}`);
    expect(again.attributionNotice).toContain('不计邀请');
    const rows: Array<{ referrer_id: number | null }> = await t.dataSource.query('SELECT referrer_id FROM members WHERE id = ?', [again.member.id]);
    expect(rows[0]?.referrer_id).toBeNull();
  });

  it('keeps no identifier of the deleted person: only keyed hashes', async () => {
    const rows: Array<{ identity_hash: string }> = await t.dataSource.query('SELECT identity_hash FROM member_former_identities');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.identity_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('rejoin');
  });

  it('still gives a first-time member the welcome points', async () => {
    expect((await joinAs({ openid: 'rejoin-newcomer' })).member.points).toBe(100);
  });
});
