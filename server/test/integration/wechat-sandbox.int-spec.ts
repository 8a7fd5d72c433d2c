import bwipjs from 'bwip-js';
import { ErrorCode } from '@huiyuan/shared-types';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from '../../src/wechat/sandbox/sandbox-credentials';
import { SANDBOX_TEMPLATES } from '../../src/wechat/sandbox/sandbox-templates';
import { WechatGateway } from '../../src/wechat/wechat-gateway';
import { WechatToken } from '../../src/wechat/wechat-token.entity';
import { WechatCodeInvalidError, WechatQuotaExhaustedError } from '../../src/wechat/wechat.errors';
import { startTestApp, TestApp } from '../setup/test-app';

const [POINTS_CHANGE] = SANDBOX_TEMPLATES;

/** The server with no WeChat credentials: everything goes through its own sandbox under /sandbox/wechat. */
describe('WeChat sandbox served by the app', () => {
  let t: TestApp;
  let wechat: WechatGateway;

  beforeAll(async () => {
    t = await startTestApp();
    wechat = t.get(WechatGateway);
  });
  afterAll(async () => {
    await t.close();
  });

  const devLogin = async (body: object = {}): Promise<string> => {
    const res = await t.http.post('/sandbox/wechat/dev/login').send(body).expect(200);
    return res.body.code as string;
  };

  it('health names the in-app sandbox as the WeChat in use', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body.wechat).toEqual({ mode: 'sandbox', baseUrl: `${t.baseUrl}/sandbox/wechat` });
  });

  it('works end to end: login, phone, QR code, subscribe and send, content check', async () => {
    const session = await wechat.code2Session(await devLogin());
    expect(session.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(session.unionid).toMatch(/^u/);
    expect(session.sessionKey).toBeTruthy();

    const phoneCode = (await t.http.post('/sandbox/wechat/dev/phone-code').send({ phoneNumber: '13800138000' }).expect(200)).body.code;
    await expect(wechat.getPhoneNumber(phoneCode)).resolves.toEqual({ phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' });

    const png = await wechat.getUnlimitedQrCode({ scene: 's=HQ001&r=R7', page: 'packages/join/index' });
    // The same text at the same scale renders to the same bytes: the code opens this app's H5 join page.
    const expected = await bwipjs.toBuffer({ bcid: 'qrcode', text: `${t.baseUrl}/#/packages/join/index?scene=s%3DHQ001%26r%3DR7`, scale: 10 });
    expect(png.equals(expected)).toBe(true);

    const accept = await t.http
      .post('/sandbox/wechat/dev/subscribe')
      .send({ openid: session.openid, templateIds: [POINTS_CHANGE!.id] })
      .expect(200);
    expect(accept.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', [POINTS_CHANGE!.id]: 'accept' });
    const message = {
      toOpenid: session.openid,
      templateId: POINTS_CHANGE!.id,
      page: 'pages/points/index',
      data: { thing1: '消费积分', number2: '120', number3: '1,620', time4: '2024-05-01 15:01', character_string5: 'HY-0001' },
    };
    await wechat.sendSubscribeMessage(message);
    await expect(wechat.sendSubscribeMessage(message)).rejects.toBeInstanceOf(WechatQuotaExhaustedError);
    const outbox = await t.http.get('/sandbox/wechat/dev/outbox').query({ openid: session.openid }).expect(200);
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]).toMatchObject({ toOpenid: session.openid, templateTitle: '积分变动提醒', data: { number3: { value: '1620' } } });

    await expect(wechat.checkText({ openid: session.openid, content: '今天天气真好', scene: 2 })).resolves.toEqual({ suggest: 'pass', label: 100 });
    await expect(wechat.checkText({ openid: session.openid, content: '一起来赌博', scene: 2 })).resolves.toEqual({ suggest: 'risky', label: 20006 });
    await expect(wechat.checkText({ openid: session.openid, content: '有事加微信', scene: 2 })).resolves.toEqual({ suggest: 'review', label: 10001 });
  });

  it("keeps the sandbox's token in this process, never in the shared table another server's sandbox would read", async () => {
    await wechat.getUnlimitedQrCode({ scene: 's=HQ009', page: 'packages/join/index' });
    await expect(t.dataSource.getRepository(WechatToken).count()).resolves.toBe(0);
  });

  it('a dev-login code works once, for the openid it was asked for', async () => {
    const code = await devLogin({ openid: 'o-member-42', unionid: 'u-42' });
    await expect(wechat.code2Session(code)).resolves.toMatchObject({ openid: 'o-member-42', unionid: 'u-42' });
    const again = wechat.code2Session(code);
    await expect(again).rejects.toBeInstanceOf(WechatCodeInvalidError);
    await expect(again).rejects.toMatchObject({ code: ErrorCode.WECHAT_CODE_INVALID, errcode: 40163 });
  });

  it("a code expires after WeChat's five minutes", async () => {
    const code = await devLogin();
    t.clock.advance(5 * 60_000 + 1);
    await expect(wechat.code2Session(code)).rejects.toMatchObject({ errcode: 40029 });
  });

  describe("WeChat's shapes over plain HTTP", () => {
    const base = '/sandbox/wechat';

    it('jscode2session checks the app credentials', async () => {
      const code = await devLogin();
      const wrongApp = await t.http.get(`${base}/sns/jscode2session`).query({ appid: 'wx0', secret: SANDBOX_APP_SECRET, js_code: code, grant_type: 'authorization_code' });
      expect(wrongApp.body).toMatchObject({ errcode: 40013, errmsg: expect.stringMatching(/^invalid appid rid: /) });
      const wrongSecret = await t.http.get(`${base}/sns/jscode2session`).query({ appid: SANDBOX_APP_ID, secret: 'x', js_code: code, grant_type: 'authorization_code' });
      expect(wrongSecret.body).toMatchObject({ errcode: 40125 });
      const ok = await t.http.get(`${base}/sns/jscode2session`).query({ appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET, js_code: code, grant_type: 'authorization_code' });
      expect(Object.keys(ok.body).sort()).toEqual(['openid', 'session_key', 'unionid']);
    });

    it('stable_token repeats the token until it expires, force_refresh replaces it, and old tokens are told apart', async () => {
      const ask = (force_refresh = false) =>
        t.http.post(`${base}/cgi-bin/stable_token`).send({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET, force_refresh });
      const first = (await ask(true)).body;
      expect(first.expires_in).toBe(7200);
      const check = (token?: string) =>
        t.http.post(`${base}/wxa/msg_sec_check`).query(token ? { access_token: token } : {}).send({ version: 2, openid: 'nobody', scene: 1, content: 'hi' });
      t.clock.advance(60_000);
      const repeat = (await ask()).body;
      expect(repeat.access_token).toBe(first.access_token);
      expect(repeat.expires_in).toBe(first.expires_in - 60);

      const forced = (await ask(true)).body;
      expect(forced.access_token).not.toBe(first.access_token);
      expect(forced.expires_in).toBe(7200);
      expect((await check(first.access_token)).body).toMatchObject({ errcode: 40001 });
      expect((await check()).body).toMatchObject({ errcode: 41001 });

      t.clock.advance(7200_000);
      expect((await check(forced.access_token)).body).toMatchObject({ errcode: 42001, errmsg: expect.stringContaining('access_token expired') });
      const renewed = (await ask()).body;
      expect(renewed.access_token).not.toBe(forced.access_token);
      expect(renewed.expires_in).toBe(7200);
    });

    it('answers a body that is not JSON with 47001 and an empty one with 44002', async () => {
      const bad = await t.http.post(`${base}/cgi-bin/stable_token`).set('content-type', 'application/json').send('{nope');
      expect(bad.body).toMatchObject({ errcode: 47001 });
      const empty = await t.http.post(`${base}/cgi-bin/stable_token`);
      expect(empty.body).toMatchObject({ errcode: 44002 });
    });

    const stable = (force_refresh = false) =>
      t.http.post(`${base}/cgi-bin/stable_token`).send({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET, force_refresh });
    const tokenWorks = async (token: string) => {
      const res = await t.http.post(`${base}/wxa/getwxacodeunlimit`).query({ access_token: token }).send({ scene: 's=S1', page: 'packages/join/index' });
      return res.headers['content-type'] === 'image/png' ? 'ok' : (res.body as { errcode: number }).errcode;
    };

    it('jscode2session answers 40163 for a code used before and 40029 for one it never issued', async () => {
      const code = await devLogin();
      const exchange = (js_code: string) =>
        t.http.get(`${base}/sns/jscode2session`).query({ appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET, js_code, grant_type: 'authorization_code' });
      expect((await exchange(code)).body.openid).toBeTruthy();
      expect((await exchange(code)).body).toMatchObject({ errcode: 40163, errmsg: expect.stringMatching(/^code been used/) });
      expect((await exchange('never-issued')).body).toMatchObject({ errcode: 40029 });
    });

    it('stable_token renews 5 minutes before expiry and the old token keeps working until it expires', async () => {
      const current = (await stable(true)).body;
      t.clock.advance(7200_000 - 5 * 60_000 - 1000);
      expect((await stable()).body.access_token).toBe(current.access_token);
      t.clock.advance(2000);
      const renewed = (await stable()).body;
      expect(renewed.access_token).not.toBe(current.access_token);
      expect(renewed.expires_in).toBe(7200);
      await expect(tokenWorks(current.access_token)).resolves.toBe('ok');
      t.clock.advance(5 * 60_000);
      await expect(tokenWorks(current.access_token)).resolves.toBe(42001);
      await expect(tokenWorks(renewed.access_token)).resolves.toBe('ok');
    });

    it('stable_token force_refresh: a second one within 30 s changes nothing, and 20 a day is the limit', async () => {
      t.clock.advance(24 * 3600_000);
      const first = (await stable(true)).body.access_token as string;
      const within30s = (await stable(true)).body.access_token as string;
      expect(within30s).toBe(first);
      await expect(tokenWorks(first)).resolves.toBe('ok');
      const issued = [first];
      for (let i = 1; i < 20; i++) {
        t.clock.advance(31_000);
        issued.push((await stable(true)).body.access_token as string);
      }
      expect(new Set(issued).size).toBe(20);
      await expect(tokenWorks(issued[18]!)).resolves.toBe(40001);
      t.clock.advance(31_000);
      expect((await stable(true)).body).toMatchObject({ errcode: 45009 });
      expect((await stable()).body.access_token).toBe(issued[19]);
      t.clock.advance(24 * 3600_000);
      expect((await stable(true)).body.access_token).not.toBe(issued[19]);
    });

    it('GET /cgi-bin/token gives a token of its own on every call; the previous one works 5 more minutes', async () => {
      const classic = () => t.http.get(`${base}/cgi-bin/token`).query({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET });
      const stableToken = (await stable()).body.access_token as string;
      const one = (await classic()).body;
      expect(one).toMatchObject({ expires_in: 7200, access_token: expect.any(String) });
      expect(one.access_token).not.toBe(stableToken);
      const two = (await classic()).body;
      expect(two.access_token).not.toBe(one.access_token);
      await expect(tokenWorks(one.access_token)).resolves.toBe('ok');
      t.clock.advance(5 * 60_000 + 1);
      await expect(tokenWorks(one.access_token)).resolves.toBe(42001);
      await expect(tokenWorks(two.access_token)).resolves.toBe('ok');
      await expect(tokenWorks(stableToken)).resolves.toBe('ok');
      expect((await t.http.get(`${base}/cgi-bin/token`).query({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: 'x' })).body).toMatchObject({ errcode: 40125 });
    });

    it('reads bodies as JSON only: a form-encoded stable_token request is a data format error', async () => {
      const form = await t.http
        .post(`${base}/cgi-bin/stable_token`)
        .type('form')
        .send({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET });
      expect(form.body).toMatchObject({ errcode: 47001 });
      const jsonAsText = await t.http
        .post(`${base}/cgi-bin/stable_token`)
        .set('content-type', 'text/plain')
        .send(JSON.stringify({ grant_type: 'client_credential', appid: SANDBOX_APP_ID, secret: SANDBOX_APP_SECRET }));
      expect(jsonAsText.body.access_token).toBeTruthy();
    });

    it('msgSecCheck answers 61010 for an openid that has not opened the app in the last 2 hours', async () => {
      await wechat.code2Session(await devLogin({ openid: 'o-visitor' }));
      await expect(wechat.checkText({ openid: 'o-visitor', content: '你好', scene: 1 })).resolves.toEqual({ suggest: 'pass', label: 100 });
      t.clock.advance(2 * 3600_000 + 1000);
      await expect(wechat.checkText({ openid: 'o-visitor', content: '你好', scene: 1 })).rejects.toMatchObject({ errcode: 61010 });
      await devLogin({ openid: 'o-visitor' });
      await expect(wechat.checkText({ openid: 'o-visitor', content: '你好', scene: 1 })).resolves.toMatchObject({ suggest: 'pass' });
    });

    it("getwxacodeunlimit knows the app's pages: 41030 for another unless check_path is false", async () => {
      const token = (await stable()).body.access_token as string;
      const qr = (body: object) => t.http.post(`${base}/wxa/getwxacodeunlimit`).query({ access_token: token }).send({ scene: 's=S1', ...body });
      expect((await qr({ page: 'packages/join/index' })).headers['content-type']).toBe('image/png');
      expect((await qr({ page: 'pages/join/index' })).body).toMatchObject({ errcode: 41030 });
      expect((await qr({ page: 'pages/join/index', check_path: false, env_version: 'trial' })).headers['content-type']).toBe('image/png');
      expect((await qr({ page: 'packages/join/index', env_version: 'beta' })).body).toMatchObject({ errcode: 40097 });
    });

    it('lists its templates for the H5 subscribe stand-in', async () => {
      const res = await t.http.get(`${base}/dev/templates`).expect(200);
      expect(res.body.items.map((tpl: { title: string }) => tpl.title)).toEqual(['积分变动提醒', '优惠券到期提醒', '签到提醒', '会员升级通知', '入会成功通知', '积分即将过期提醒', '生日祝福提醒', '会员活动通知', '会员关怀提醒', '新品上市通知']);
    });

    it('refuses a subscription for an unknown template the way requestSubscribeMessage does', async () => {
      const code = await devLogin({ openid: 'o-sub' });
      await wechat.code2Session(code);
      const res = await t.http.post(`${base}/dev/subscribe`).send({ openid: 'o-sub', templateIds: ['nope'] }).expect(400);
      expect(res.body).toMatchObject({ errcode: 20001 });
    });

    it('validates fault requests', async () => {
      const res = await t.http.post(`${base}/dev/faults`).send({ path: 'no-slash', errcode: 45009 }).expect(400);
      expect(res.body.errmsg).toContain('path');
      await t.http.post(`${base}/dev/faults`).send({ path: '/wxa/msg_sec_check' }).expect(400);
    });
  });
});
