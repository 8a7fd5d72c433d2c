import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { RunningWechatSandbox, startWechatSandbox } from '../../src/wechat/sandbox/start-wechat-sandbox';
import { SANDBOX_TEMPLATES } from '../../src/wechat/sandbox/sandbox-templates';
import { createWechatGateway, WechatGateway } from '../../src/wechat/wechat-gateway';
import { WechatToken } from '../../src/wechat/wechat-token.entity';
import { startTestApp, TestApp } from '../setup/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP_ID = `wx${randomBytes(8).toString('hex')}`;
const SECRET = 'secret-of-the-redis-test-app';
const [POINTS_CHANGE] = SANDBOX_TEMPLATES;

/** Two instances sharing Redis: one access token and one send pace between them. */
describe('WeChat gateway instances sharing Redis', () => {
  let sandbox: RunningWechatSandbox;
  let t: TestApp;
  let redis: IORedis;
  const keyPrefix = `huiyuan-test:${randomBytes(6).toString('hex')}:`;
  let instances: [WechatGateway, WechatGateway];

  beforeAll(async () => {
    sandbox = await startWechatSandbox({ appId: APP_ID, secret: SECRET });
    t = await startTestApp({ env: { WECHAT_APPID: APP_ID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: sandbox.url, WECHAT_SEND_RATE: '10' } });
    redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const instance = () => createWechatGateway({ config: t.config, clock: t.clock, dataSource: t.dataSource, redis, keyPrefix });
    instances = [instance(), instance()];
  });
  afterAll(async () => {
    for (const gateway of instances) gateway.onApplicationShutdown();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await t.close();
    await sandbox.close();
  });

  const member = async (openid: string, accepts = 0) => {
    const { code } = (await request(sandbox.url).post('/dev/login').send({ openid })).body;
    await instances[0].code2Session(code);
    // One accept per tap, as in WeChat: a template repeated within one call is filtered.
    for (let i = 0; i < accepts; i++) await request(sandbox.url).post('/dev/subscribe').send({ openid, templateIds: [POINTS_CHANGE!.id] }).expect(200);
    return openid;
  };

  it('keep one access token in Redis, and 50 concurrent callers over both cause one refresh after it expires', async () => {
    const openid = await member('o-redis-token');
    await instances[0].checkText({ openid, content: 'hi', scene: 1 });
    expect(JSON.parse((await redis.get(`${keyPrefix}access-token:${APP_ID}`)) ?? '{}')).toMatchObject({ token: expect.any(String) });
    await expect(t.dataSource.getRepository(WechatToken).countBy({ appId: APP_ID })).resolves.toBe(0);

    const before = sandbox.state.callCount('/cgi-bin/stable_token');
    await instances[1].checkText({ openid, content: 'hi', scene: 1 });
    expect(sandbox.state.callCount('/cgi-bin/stable_token')).toBe(before);

    t.clock.advance(7200_000);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => instances[i % 2]!.checkText({ openid, content: 'hi', scene: 1 })));
    expect(results.every((r) => r.suggest === 'pass')).toBe(true);
    expect(sandbox.state.callCount('/cgi-bin/stable_token') - before).toBe(1);
  });

  it('pace sends globally: two instances together stay at the configured 10 a second', async () => {
    const openid = await member('o-redis-pace', 10);
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2]!.sendSubscribeMessage({
      toOpenid: openid,
      templateId: POINTS_CHANGE!.id,
      data: { thing1: '消费', number2: String(i + 1), number3: '100', time4: '12:00', character_string5: `N${i}` },
    })));
    // Ten sends at 10/s need nine 100 ms gaps; each instance pacing alone would finish in about 400 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(880);
    expect(sandbox.state.outbox.filter((m) => m.toOpenid === openid)).toHaveLength(10);
  });
});
