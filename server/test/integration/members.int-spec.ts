import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { Member } from '../../src/members/entities/member.entity';
import { memberCode, MEMBER_CODE_WINDOW_S } from '../../src/members/member-identifiers';
import { bearer, joinMember, seedOrganisation, staffToken, visitorToken, wechatCode } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

describe('members: join, card, code, lookup, privacy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in a WeChat user who is not a member yet, then joins through a store scene', async () => {
    const code = await wechatCode(t, 'openid-join-1');
    const login = await t.http.post('/api/v1/auth/wechat').send({ code }).expect(200);
    expect(login.body).toMatchObject({ token: expect.any(String), member: null });
    await t.http.get('/api/v1/members/me').set(bearer(login.body.token)).expect(403);

    const joined = await t.http.post('/api/v1/members').set(bearer(login.body.token)).send({ scene: 's=S001', consentVersion: PRIVACY_NOTICE_VERSION }).expect(201);
    expect(joined.body.attributionNotice).toBeNull();
    expect(joined.body.member).toMatchObject({ cardNo: expect.stringMatching(/^8\d{11}$/), tier: { code: 'BASE', rank: 1 }, points: 100, growth: 0, nextTier: { code: 'SILVER', growthNeeded: 1000 } });
    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: joined.body.member.id });
    expect(row.joinStoreId).not.toBeNull();
    expect(row.consentVersion).toBe(PRIVACY_NOTICE_VERSION);

    const card = await t.http.get('/api/v1/members/me').set(bearer(joined.body.token)).expect(200);
    expect(card.body.id).toBe(joined.body.member.id);
    const again = await t.http.post('/api/v1/auth/wechat').send({ code: await wechatCode(t, 'openid-join-1') }).expect(200);
    expect(again.body.member.id).toBe(joined.body.member.id);
  });

  it('refuses a used wx.login code', async () => {
    const code = await wechatCode(t, 'openid-code-once');
    await t.http.post('/api/v1/auth/wechat').send({ code }).expect(200);
    const res = await t.http.post('/api/v1/auth/wechat').send({ code }).expect(400);
    expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  it.each([
    ['s=S999', '门店 S999 不存在'],
    ['s=S001&r=ZZZZZZ', '邀请码无效'],
    ['%%%garbage', '二维码参数无法识别'],
    ['s=S001&x=1', '二维码参数无法识别'],
  ])('joins without attribution for the scene %s and says so', async (scene, notice) => {
    const token = await visitorToken(t, `openid-scene-${Buffer.from(scene).toString('hex')}`);
    const res = await t.http.post('/api/v1/members').set(bearer(token)).send({ scene, consentVersion: PRIVACY_NOTICE_VERSION }).expect(201);
    expect(res.body.attributionNotice).toContain(notice);
    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: res.body.member.id });
    expect(row.referrerId).toBeNull();
  });

  it('refuses an outdated privacy notice version', async () => {
    const token = await visitorToken(t, 'openid-old-consent');
    const res = await t.http.post('/api/v1/members').set(bearer(token)).send({ consentVersion: '2020-01-01' }).expect(400);
    expect(res.body.error.code).toBe('CONSENT_VERSION_OUTDATED');
  });

  it('creates one member for 20 concurrent joins of one WeChat user', async () => {
    const token = await visitorToken(t, 'openid-concurrent');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post('/api/v1/members').set(bearer(token)).send({ scene: 's=S002', consentVersion: PRIVACY_NOTICE_VERSION })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.body.member.id)).size).toBe(1);
    expect(await t.dataSource.getRepository(Member).countBy({ openid: 'openid-concurrent' })).toBe(1);
    const ledger: Array<{ n: number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ?', [responses[0]?.body.member.id]);
    expect(Number(ledger[0]?.n)).toBe(1);
  });

  it('records the referrer from a referral scene', async () => {
    const referrer = await joinMember(t, 'openid-referrer');
    const friend = await joinMember(t, 'openid-friend', `s=S001&r=${referrer.referralCode}`);
    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: friend.id });
    expect(row.referrerId).toBe(referrer.id);
  });

  it('gives a dynamic code a clerk can look the member up with, and refuses it two windows later', async () => {
    const member = await joinMember(t, 'openid-code');
    const code = await t.http.get('/api/v1/members/me/code').set(bearer(member.token)).expect(200);
    expect(code.body.validForMs).toBe(Date.parse(code.body.expiresAt) - t.clock.now().getTime());
    expect(code.body.validForMs).toBeGreaterThan(0);
    expect(code.body).toMatchObject({ code: expect.stringMatching(new RegExp(`^${member.cardNo}\\d{6}$`)), qrPng: expect.stringMatching(/^data:image\/png;base64,/), barcodePng: expect.stringMatching(/^data:image\/png;base64,/) });
    const clerk = await staffToken(t, 'demo-clerk');
    const found = await t.http.get('/api/v1/staff/members/lookup').query({ code: code.body.code }).set(bearer(clerk)).expect(200);
    expect(found.body).toMatchObject({ id: member.id, cardNo: member.cardNo, tier: { code: 'BASE' }, points: 100 });

    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
    const old = memberCode(row.cardNo, row.codeSecret, new Date(t.clock.now().getTime() - 2 * MEMBER_CODE_WINDOW_S * 1000));
    const stale = await t.http.get('/api/v1/staff/members/lookup').query({ code: old.code }).set(bearer(clerk)).expect(400);
    expect(stale.body.error.code).toBe('MEMBER_CODE_EXPIRED');
    const byCard = await t.http.get('/api/v1/staff/members/lookup').query({ cardNo: member.cardNo }).set(bearer(clerk)).expect(200);
    expect(byCard.body.id).toBe(member.id);
  });

  it('keeps the phone encrypted, shows it masked to staff and finds the member by it', async () => {
    const member = await joinMember(t, 'openid-phone');
    const phoneCode = await t.http.post('/sandbox/wechat/dev/phone-code').send({ phoneNumber: '13812345678' }).expect(200);
    const profile = await t.http.post('/api/v1/members/me/phone').set(bearer(member.token)).send({ code: phoneCode.body.code }).expect(200);
    expect(profile.body.phoneMasked).toBe('1******5678');
    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
    expect(row.phoneCipher).not.toContain('13812345678');
    const clerk = await staffToken(t, 'demo-clerk');
    const found = await t.http.get('/api/v1/staff/members/lookup').query({ phone: '13812345678' }).set(bearer(clerk)).expect(200);
    expect(found.body).toMatchObject({ id: member.id, phoneMasked: '1******5678' });
  });

  it('stores a lunar birthday with this year\'s solar date', async () => {
    const member = await joinMember(t, 'openid-birthday');
    const res = await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ nickname: '阿月', birthday: { calendar: 'lunar', month: 8, day: 15 } }).expect(200);
    expect(res.body).toMatchObject({ nickname: '阿月', birthday: { calendar: 'lunar', month: 8, day: 15 } });
    const bad = await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ birthday: { calendar: 'solar', month: 2, day: 31 } }).expect(400);
    expect(bad.body.error.message).toContain('birthday.day');
  });

  it('exports the member\'s data and deletes the account leaving no personal data but the ledger sums', async () => {
    const member = await joinMember(t, 'openid-delete', 's=S001');
    await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ nickname: '要走的人', region: '上海' }).expect(200);
    const exported = await t.http.get('/api/v1/members/me/export').set(bearer(member.token)).expect(200);
    expect(exported.body.profile).toMatchObject({ nickname: '要走的人', region: '上海' });
    expect(exported.body.pointsLedger).toHaveLength(1);

    await t.http.delete('/api/v1/members/me').set(bearer(member.token)).expect(204);
    const row = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
    expect(row).toMatchObject({ openid: null, unionid: null, nickname: null, phoneCipher: null, phoneHash: null, region: null, status: 'deleted' });
    const sums: Array<{ s: number }> = await t.dataSource.query('SELECT SUM(delta) AS s FROM points_ledger WHERE member_id = ?', [member.id]);
    expect(Number(sums[0]?.s)).toBe(row.pointsBalance);
    await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(404);
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: await wechatCode(t, 'openid-delete') }).expect(200);
    expect(login.body.member).toBeNull();
  });
});
