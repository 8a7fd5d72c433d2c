import { ErrorCode } from '@huiyuan/shared-types';
import request from 'supertest';
import { ManualClock } from '../../src/common/time/clock';
import { RunningWechatSandbox, startWechatSandbox } from '../../src/wechat/sandbox/start-wechat-sandbox';
import { SANDBOX_TEMPLATES } from '../../src/wechat/sandbox/sandbox-templates';
import { SandboxFault } from '../../src/wechat/sandbox/wechat-sandbox-state';
import { createWechatGateway, WechatGateway, WechatGatewayTiming } from '../../src/wechat/wechat-gateway';
import { WechatToken } from '../../src/wechat/wechat-token.entity';
import {
  WechatAccessTokenRejectedError,
  WechatBadFieldError,
  WechatBusyError,
  WechatCodeInvalidError,
  WechatDailyLimitError,
  WechatInvalidOpenidError,
  WechatPageInvalidError,
  WechatQuotaExhaustedError,
  WechatRateLimitedError,
  WechatTemplateInvalidError,
  WechatUnreachableError,
} from '../../src/wechat/wechat.errors';
import { startTestApp, TestApp } from '../setup/test-app';

const APP_ID = 'wx1234567890abcdef';
const SECRET = 'live-secret-of-the-test-app';
const [POINTS_CHANGE, , CHECKIN_REMINDER] = SANDBOX_TEMPLATES;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The server with WeChat credentials talks to WECHAT_API_BASE — here a sandbox on its own port
 * with its own clock, so tests can expire WeChat's token without the server knowing.
 */
describe('WeChat gateway against the sandbox on its own port', () => {
  let sandbox: RunningWechatSandbox;
  let wechatClock: ManualClock;
  let t: TestApp;
  let wechat: WechatGateway;
  const extraGateways: WechatGateway[] = [];

  beforeAll(async () => {
    wechatClock = new ManualClock();
    sandbox = await startWechatSandbox({ appId: APP_ID, secret: SECRET, clock: wechatClock });
    t = await startTestApp({ env: { WECHAT_APPID: APP_ID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: sandbox.url } });
    wechat = t.get(WechatGateway);
  });
  afterEach(async () => {
    await request(sandbox.url).delete('/dev/faults').expect(200);
  });
  afterAll(async () => {
    for (const gateway of extraGateways) gateway.onApplicationShutdown();
    await t.close();
    await sandbox.close();
  });

  const fault = async (body: SandboxFault) => {
    await request(sandbox.url).post('/dev/faults').send(body).expect(201);
  };
  const calls = (path: string) => sandbox.state.callCount(path);
  const anotherInstance = (timing: Partial<WechatGatewayTiming> = {}, apiBase = sandbox.url) => {
    const config = { ...t.config, wechat: { ...t.config.wechat, apiBase } };
    const gateway = createWechatGateway({ config, clock: t.clock, dataSource: t.dataSource, redis: null, timing });
    extraGateways.push(gateway);
    return gateway;
  };
  const member = async (openid: string, templateIds: string[] = []): Promise<string> => {
    const { code } = (await request(sandbox.url).post('/dev/login').send({ openid }).expect(200)).body;
    await wechat.code2Session(code);
    // One tap per accept: WeChat answers a repeated id within one call with `filter`.
    for (const id of templateIds) await request(sandbox.url).post('/dev/subscribe').send({ openid, templateIds: [id] }).expect(200);
    return openid;
  };
  const pointsMessage = (toOpenid: string) => ({
    toOpenid,
    templateId: POINTS_CHANGE!.id,
    page: 'pages/points/index',
    data: { thing1: '门店消费', number2: '88', number3: '1088', time4: '2024-05-01 15:01', character_string5: 'POS-7781' },
  });
  const check = (openid: string) => ({ openid, content: '你好', scene: 2 as const });

  describe('with credentials set', () => {
    it('never serves the in-app sandbox, and health names the live base URL', async () => {
      await t.http.post('/sandbox/wechat/dev/login').send({}).expect(404);
      await t.http.get('/sandbox/wechat/sns/jscode2session').expect(404);
      const health = await t.http.get('/api/health').expect(200);
      expect(health.body.wechat).toEqual({ mode: 'live', baseUrl: sandbox.url });
    });

    it('presents the configured app credentials', async () => {
      const session = await wechat.code2Session((await request(sandbox.url).post('/dev/login').send({ openid: 'o-creds' })).body.code);
      expect(session.openid).toBe('o-creds');
      const wrong = await request(sandbox.url)
        .post('/cgi-bin/stable_token')
        .send({ grant_type: 'client_credential', appid: APP_ID, secret: 'not-it' });
      expect(wrong.body.errcode).toBe(40125);
    });
  });

  describe('code2Session and getPhoneNumber', () => {
    it('exchange codes, and an unknown or used code is a typed 400-worthy error', async () => {
      const { code } = (await request(sandbox.url).post('/dev/login').send({ openid: 'o-login', unionid: 'u-login' })).body;
      await expect(wechat.code2Session(code)).resolves.toEqual({ openid: 'o-login', unionid: 'u-login', sessionKey: expect.any(String) });
      await expect(wechat.code2Session(code)).rejects.toMatchObject({ errcode: 40163, code: ErrorCode.WECHAT_CODE_INVALID });
      await expect(wechat.code2Session('made-up')).rejects.toBeInstanceOf(WechatCodeInvalidError);
    });

    it('gives phone numbers with their country code, once per code', async () => {
      const { code } = (await request(sandbox.url).post('/dev/phone-code').send({ phoneNumber: '4155550100', countryCode: '1' })).body;
      await expect(wechat.getPhoneNumber(code)).resolves.toEqual({ phoneNumber: '+1 4155550100', purePhoneNumber: '4155550100', countryCode: '1' });
      await expect(wechat.getPhoneNumber(code)).rejects.toBeInstanceOf(WechatCodeInvalidError);
    });
  });

  describe('getUnlimitedQrCode', () => {
    it('returns the PNG, encoding the H5 URL of the page with the scene', async () => {
      const png = await wechat.getUnlimitedQrCode({ scene: 's=HQ001&r=AB12', page: 'packages/join/index', width: 280 });
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(sandbox.state.qrCodeTarget({ scene: 's=HQ001&r=AB12', page: 'packages/join/index' })).toEqual({
        ok: `${sandbox.url}/#/packages/join/index?scene=s%3DHQ001%26r%3DAB12`,
      });
    });

    it.each([['s=' + 'A'.repeat(31)], ['s=门店'], ['s=50%']])('answers a bad scene %j with 40169 naming the scene', async (scene) => {
      const attempt = wechat.getUnlimitedQrCode({ scene, page: 'packages/join/index' });
      await expect(attempt).rejects.toBeInstanceOf(WechatBadFieldError);
      await expect(attempt).rejects.toMatchObject({ errcode: 40169, field: 'scene' });
    });

    it.each([['/pages/join/index'], ['pages/join/index?x=1']])('answers a bad page %j with 41030', async (page) => {
      await expect(wechat.getUnlimitedQrCode({ scene: 's=1', page })).rejects.toBeInstanceOf(WechatPageInvalidError);
    });
  });

  describe('sendSubscribeMessage', () => {
    it('delivers a shaped message and records it in the outbox', async () => {
      const openid = await member('o-send', [POINTS_CHANGE!.id]);
      await wechat.sendSubscribeMessage({
        ...pointsMessage(openid),
        data: Object.fromEntries(
          Object.entries({ ...pointsMessage(openid).data, thing1: '周年庆双倍积分活动门店消费奖励积分已到账啦' }).map(([key, value]) => [key, { value }]),
        ),
      });
      const outbox = (await request(sandbox.url).get('/dev/outbox').query({ openid }).expect(200)).body.items;
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        toOpenid: openid,
        templateId: POINTS_CHANGE!.id,
        page: 'pages/points/index',
        miniprogramState: 'formal',
        data: { thing1: { value: '周年庆双倍积分活动门店消费奖励积分已到…' }, number3: { value: '1088' } },
      });
    });

    it('43101 when the member has no accept left', async () => {
      const openid = await member('o-quota', [POINTS_CHANGE!.id]);
      await wechat.sendSubscribeMessage(pointsMessage(openid));
      await expect(wechat.sendSubscribeMessage(pointsMessage(openid))).rejects.toBeInstanceOf(WechatQuotaExhaustedError);
    });

    it('40003 for an openid WeChat never issued', async () => {
      await expect(wechat.sendSubscribeMessage(pointsMessage('o-stranger'))).rejects.toBeInstanceOf(WechatInvalidOpenidError);
    });

    it('40037 for a template the app does not have', async () => {
      const openid = await member('o-tpl', [POINTS_CHANGE!.id]);
      await expect(wechat.sendSubscribeMessage({ ...pointsMessage(openid), templateId: 'not-a-template' })).rejects.toBeInstanceOf(
        WechatTemplateInvalidError,
      );
    });

    it("47003 from WeChat names the field, e.g. one the template requires that we didn't send", async () => {
      const openid = await member('o-field', [CHECKIN_REMINDER!.id]);
      const attempt = wechat.sendSubscribeMessage({ toOpenid: openid, templateId: CHECKIN_REMINDER!.id, data: { thing1: '每日签到', phrase2: '未签到', thing4: '签到得积分' } });
      await expect(attempt).rejects.toBeInstanceOf(WechatBadFieldError);
      await expect(attempt).rejects.toMatchObject({ errcode: 47003, field: 'number3' });
    });

    it('refuses a value its rules cannot shape without calling WeChat', async () => {
      const openid = await member('o-local', [CHECKIN_REMINDER!.id]);
      const before = calls('/cgi-bin/message/subscribe/send');
      const attempt = wechat.sendSubscribeMessage({
        toOpenid: openid,
        templateId: CHECKIN_REMINDER!.id,
        data: { thing1: '每日签到', phrase2: '今天还没有签到', number3: '3', thing4: '签到得积分' },
      });
      await expect(attempt).rejects.toMatchObject({ errcode: 47003, field: 'phrase2' });
      expect(calls('/cgi-bin/message/subscribe/send')).toBe(before);
    });

    it('45009 reaches the caller as a daily limit, which is a rate limit', async () => {
      const openid = await member('o-45009', [POINTS_CHANGE!.id]);
      await fault({ path: '/cgi-bin/message/subscribe/send', errcode: 45009, times: 1 });
      const attempt = wechat.sendSubscribeMessage(pointsMessage(openid));
      await expect(attempt).rejects.toBeInstanceOf(WechatDailyLimitError);
      await expect(attempt).rejects.toBeInstanceOf(WechatRateLimitedError);
    });

    it("the sandbox's rate limit answers 45009 beyond its pace", async () => {
      const openid = await member('o-pace', [POINTS_CHANGE!.id, POINTS_CHANGE!.id, POINTS_CHANGE!.id]);
      await fault({ path: '/cgi-bin/message/subscribe/send', ratePerSecond: 2 });
      const results = await Promise.allSettled([1, 2, 3].map(() => wechat.sendSubscribeMessage(pointsMessage(openid))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(WechatRateLimitedError) });
    });

    it('45011 is a rate limit but not a daily one', async () => {
      const openid = await member('o-45011', [POINTS_CHANGE!.id]);
      await fault({ path: '/cgi-bin/message/subscribe/send', errcode: 45011, times: 1 });
      const error: unknown = await wechat.sendSubscribeMessage(pointsMessage(openid)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatRateLimitedError);
      expect(error).not.toBeInstanceOf(WechatDailyLimitError);
    });

    it('is paced to the configured rate across concurrent callers', async () => {
      const openid = await member('o-rate', Array.from({ length: 3 }, () => POINTS_CHANGE!.id));
      await Promise.all([1, 2, 3].map(() => request(sandbox.url).post('/dev/subscribe').send({ openid, templateIds: [POINTS_CHANGE!.id] })));
      const started = Date.now();
      await Promise.all(Array.from({ length: 6 }, () => wechat.sendSubscribeMessage(pointsMessage(openid))));
      // 20 a second (the default): six sends need at least five gaps of 50 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    });
  });

  describe('connections', () => {
    it('are pooled and kept alive: 30 more calls in a row open no new connection', async () => {
      const openid = await member('o-pool');
      const fresh = anotherInstance();
      await fresh.checkText(check(openid));
      const before = sandbox.connectionCount();
      for (let i = 0; i < 30; i++) await fresh.checkText(check(openid));
      expect(sandbox.connectionCount() - before).toBe(0);
    });
  });

  describe('checkText', () => {
    it('answers suggest and label, and 40003 for an unknown openid', async () => {
      const openid = await member('o-check');
      await expect(wechat.checkText({ openid, content: '代开发票找我', scene: 3 })).resolves.toEqual({ suggest: 'risky', label: 10001 });
      await expect(wechat.checkText(check('o-nobody'))).rejects.toBeInstanceOf(WechatInvalidOpenidError);
    });
  });

  describe('the access token', () => {
    it('is kept in the database, shared by every instance', async () => {
      const openid = await member('o-token');
      await wechat.checkText(check(openid));
      const row = await t.dataSource.getRepository(WechatToken).findOneByOrFail({ appId: APP_ID });
      expect(row.expiresAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
      const before = calls('/cgi-bin/stable_token');
      await anotherInstance().checkText(check(openid));
      expect(calls('/cgi-bin/stable_token')).toBe(before);
    });

    it('50 concurrent calls with a token we know expired cause exactly one refresh', async () => {
      const openid = await member('o-expired');
      await wechat.checkText(check(openid));
      t.clock.advance(7200_000);
      wechatClock.advance(7200_000);
      // Two hours on, the member opens the app again: msgSecCheck only takes an openid seen in the last 2 hours.
      await member(openid);
      const before = calls('/cgi-bin/stable_token');
      const results = await Promise.all(Array.from({ length: 50 }, () => wechat.checkText(check(openid))));
      expect(results).toHaveLength(50);
      expect(calls('/cgi-bin/stable_token') - before).toBe(1);
    });

    it('50 concurrent calls, over two instances, that WeChat answers with 42001 cause exactly one refresh', async () => {
      const openid = await member('o-42001');
      const other = anotherInstance();
      await wechat.checkText(check(openid));
      wechatClock.advance(7200_000);
      await member(openid);
      const before = { token: calls('/cgi-bin/stable_token'), check: calls('/wxa/msg_sec_check') };
      await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? other : wechat).checkText(check(openid))));
      expect(calls('/cgi-bin/stable_token') - before.token).toBe(1);
      expect(calls('/wxa/msg_sec_check') - before.check).toBe(100);
    });

    it('on 40001 for a token WeChat still hands out, force-refreshes once and retries once', async () => {
      const openid = await member('o-40001');
      await wechat.checkText(check(openid));
      const { accessToken: old } = await t.dataSource.getRepository(WechatToken).findOneByOrFail({ appId: APP_ID });
      await fault({ path: '/wxa/msg_sec_check', errcode: 40001, times: 1 });
      const before = calls('/cgi-bin/stable_token');
      await expect(wechat.checkText(check(openid))).resolves.toEqual({ suggest: 'pass', label: 100 });
      expect(calls('/cgi-bin/stable_token') - before).toBe(2);
      const { accessToken: renewed } = await t.dataSource.getRepository(WechatToken).findOneByOrFail({ appId: APP_ID });
      expect(renewed).not.toBe(old);
    });

    it('gives up after one refresh when the new token is rejected too', async () => {
      const openid = await member('o-40014');
      await wechat.checkText(check(openid));
      await fault({ path: '/wxa/msg_sec_check', errcode: 40014, times: 2 });
      const before = calls('/wxa/msg_sec_check');
      await expect(wechat.checkText(check(openid))).rejects.toBeInstanceOf(WechatAccessTokenRejectedError);
      expect(calls('/wxa/msg_sec_check') - before).toBe(2);
    });

    it('on 40001 during a send, refreshes and sends once', async () => {
      const openid = await member('o-send-40001', [POINTS_CHANGE!.id]);
      await fault({ path: '/cgi-bin/message/subscribe/send', errcode: 40001, times: 1 });
      await wechat.sendSubscribeMessage(pointsMessage(openid));
      expect((await request(sandbox.url).get('/dev/outbox').query({ openid })).body.items).toHaveLength(1);
    });
  });

  describe('transient failures', () => {
    it('-1 busy is retried and then succeeds', async () => {
      const openid = await member('o-busy');
      await wechat.checkText(check(openid));
      await fault({ path: '/wxa/msg_sec_check', errcode: -1, times: 2 });
      const before = calls('/wxa/msg_sec_check');
      await expect(wechat.checkText(check(openid))).resolves.toMatchObject({ suggest: 'pass' });
      expect(calls('/wxa/msg_sec_check') - before).toBe(3);
    });

    it('an HTTP 502 is retried and then succeeds', async () => {
      await fault({ path: '/wxa/getwxacodeunlimit', httpStatus: 502, times: 1 });
      const png = await wechat.getUnlimitedQrCode({ scene: 's=HQ002', page: 'packages/join/index' });
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    });

    it('a dropped connection is retried and then succeeds', async () => {
      const { code } = (await request(sandbox.url).post('/dev/login').send({ openid: 'o-drop' })).body;
      await fault({ path: '/sns/jscode2session', drop: true, times: 1 });
      await expect(wechat.code2Session(code)).resolves.toMatchObject({ openid: 'o-drop' });
    });

    it('a timeout is retried and then succeeds', async () => {
      const openid = await member('o-slow');
      const impatient = anotherInstance({ timeoutMs: 150, retryBaseDelayMs: 10 });
      await impatient.checkText(check(openid));
      await fault({ path: '/wxa/msg_sec_check', latencyMs: 400, times: 1 });
      const before = calls('/wxa/msg_sec_check');
      await expect(impatient.checkText(check(openid))).resolves.toMatchObject({ suggest: 'pass' });
      expect(calls('/wxa/msg_sec_check') - before).toBe(2);
    });

    it('gives up after three attempts with a busy error the HTTP layer answers 503', async () => {
      const openid = await member('o-down');
      await wechat.checkText(check(openid));
      await fault({ path: '/wxa/msg_sec_check', errcode: -1 });
      const before = calls('/wxa/msg_sec_check');
      const attempt = wechat.checkText(check(openid));
      await expect(attempt).rejects.toBeInstanceOf(WechatBusyError);
      await expect(attempt).rejects.toMatchObject({ code: ErrorCode.WECHAT_UNAVAILABLE });
      expect(calls('/wxa/msg_sec_check') - before).toBe(3);
    });

    it.each<[string, SandboxFault]>([
      ['-1', { path: '/cgi-bin/message/subscribe/send', errcode: -1, times: 1 }],
      ['a dropped connection', { path: '/cgi-bin/message/subscribe/send', drop: true, times: 1 }],
      ['a timeout', { path: '/cgi-bin/message/subscribe/send', latencyMs: 400, times: 1 }],
    ])('a send is not repeated after %s, since WeChat may have delivered it', async (_what, sendFault) => {
      const openid = await member(`o-once-${sendFault.errcode ?? (sendFault.drop ? 'drop' : 'slow')}`, [POINTS_CHANGE!.id]);
      const impatient = anotherInstance({ sendTimeoutMs: 150, retryBaseDelayMs: 10 });
      await fault(sendFault);
      const before = calls('/cgi-bin/message/subscribe/send');
      await expect(impatient.sendSubscribeMessage(pointsMessage(openid))).rejects.toBeInstanceOf(WechatBusyError);
      expect(calls('/cgi-bin/message/subscribe/send') - before).toBe(1);
    });

    it('unreachable WeChat is retried, then reported as unavailable; a send that never left may be retried', async () => {
      const nowhere = anotherInstance({ retryBaseDelayMs: 10 }, 'http://127.0.0.1:1');
      const attempt = nowhere.sendSubscribeMessage(pointsMessage('o-x'));
      await expect(attempt).rejects.toBeInstanceOf(WechatUnreachableError);
      await expect(attempt).rejects.toMatchObject({ code: ErrorCode.WECHAT_UNAVAILABLE, mayHaveReachedWechat: false, errcode: null });
    });
  });
});
