import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { call, memberToken, Reply, runCli, ServerProcess, staffLogin, startOwnRedis, startServer } from './processes';

const MYSQL = Boolean(process.env.TEST_DATABASE_URL);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The deployment of the README's "Production": two API instances (PROCESS_ROLE=api) and a worker
 * (PROCESS_ROLE=worker) on one MySQL and one Redis; the concurrency cases again, each request sent to
 * the instances in turn.
 */
(MYSQL ? describe : describe.skip)('two API instances and a worker on one MySQL and one Redis', () => {
  let database: TestDatabase;
  let redis: { url: string; stop(): Promise<void> };
  let env: Record<string, string>;
  let api: ServerProcess[] = [];
  let worker: ServerProcess;
  let hq: string;
  let clerk: string;
  /** Request i goes to api-1 when i is even, api-2 when odd. */
  const at = (i: number) => api[i % 2]!.url;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startOwnRedis(4154);
    env = {
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.url as string,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `hy-two-${randomBytes(3).toString('hex')}`,
      JOB_INTERVALS: 'points-expire=1000,tiers-evaluate=1000,coupons-expire=1000,referrals-sweep=1000',
    };
    expect((await runCli('seed', env)).code).toBe(0);
    api = [await startServer({ ...env, PROCESS_ROLE: 'api' }, { port: 4171 }), await startServer({ ...env, PROCESS_ROLE: 'api' }, { port: 4172 })];
    worker = await startServer({ ...env, PROCESS_ROLE: 'worker' }, { port: 4173 });
    hq = await staffLogin(at(0), 'demo-hq');
    clerk = await staffLogin(at(1), 'demo-clerk');
  });
  afterAll(async () => {
    for (const p of [...api, worker]) await p?.stop();
    await redis.stop();
    await database.drop();
  });

  async function createReward(title: string, stock: number, pointsPrice = 10): Promise<number> {
    const template = await call(at(0), 'POST', '/api/v1/staff/coupon-templates', {
      token: hq,
      body: { title, kind: 'cash', amountCents: 500, minSpendCents: 0, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' },
    });
    const reward = await call(at(1), 'POST', '/api/v1/staff/rewards', { token: hq, body: { title, pointsPrice, stock, couponTemplateId: (template.body as { id: number }).id } });
    return (reward.body as { id: number }).id;
  }

  const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();

  it('the worker serves no HTTP; the API instances serve no background work, yet every periodic job ran (on the worker)', async () => {
    expect((await call(worker.url, 'GET', '/api/health')).status).toBe(0);
    let health = (await call(at(0), 'GET', '/api/health')).body as { role: string; queue: { ok: boolean }; jobs: Array<{ name: string; runs: number; lastOutcome: string }> };
    const core = ['coupons-expire', 'points-expire', 'referrals-sweep', 'tiers-evaluate'];
    const ran = () => health.jobs.filter((j) => core.includes(j.name) && j.runs > 0);
    for (let i = 0; i < 100 && ran().length < core.length; i++) {
      await sleep(200);
      health = (await call(at(i), 'GET', '/api/health')).body as typeof health;
    }
    expect(health.role).toBe('api');
    expect(health.queue.ok).toBe(true);
    expect(ran().map((j) => [j.name, j.lastOutcome])).toEqual(core.map((name) => [name, 'ok']));
  });

  it('30 concurrent check-ins by one member over both instances make one check-in', async () => {
    const m = await memberToken(at(0), 'two-checkin');
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => call(at(i), 'POST', '/api/v1/checkins', { token: m.token })));
    expect(statuses(replies)).toEqual([...Array(29).fill(200), 201]);
  });

  it('20 members racing for a reward with 5 in stock over both instances get 5', async () => {
    const rewardId = await createReward('限量五张', 5);
    const members = await Promise.all(Array.from({ length: 20 }, (_, i) => memberToken(at(i), `two-stock-${i}`)));
    const replies = await Promise.all(members.map((m, i) => call(at(i), 'POST', `/api/v1/rewards/${rewardId}/redemptions`, { token: m.token })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(5);
    expect(replies.filter((r) => r.status !== 201).map((r) => (r.body as { error: { code: string } }).error.code)).toEqual(Array(15).fill('REWARD_SOLD_OUT'));
  });

  it('20 concurrent verifications of one coupon over both instances verify it once', async () => {
    const rewardId = await createReward('核销券', 100);
    const m = await memberToken(at(0), 'two-verify');
    const redeemed = await call(at(1), 'POST', `/api/v1/rewards/${rewardId}/redemptions`, { token: m.token });
    const code = (redeemed.body as { coupon: { code: string } }).coupon.code;
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => call(at(i), 'POST', '/api/v1/staff/coupon-verifications', { token: clerk, body: { code } })));
    expect(replies.filter((r) => r.status === 201 || r.status === 200).length).toBeGreaterThanOrEqual(1);
    const ds = await new DataSource({ type: 'mysql', url: database.url }).initialize();
    try {
      const uses = await ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM coupon_verifications v JOIN coupons c ON c.id = v.coupon_id WHERE c.code = ? AND v.undone_at IS NULL', [code]);
      expect(Number(uses[0]?.n)).toBe(1);
    } finally {
      await ds.destroy();
    }
  });

  it('10 concurrent partial refunds of one sale over both instances never refund more than it was', async () => {
    const m = await memberToken(at(0), 'two-refund');
    const sale = await call(at(1), 'POST', '/api/v1/staff/purchases', { token: clerk, body: { cardNo: m.cardNo, amountCents: 10_000, orderNo: 'TWO-REFUND-1' } });
    const id = (sale.body as { id: number }).id;
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => call(at(i), 'POST', `/api/v1/staff/purchases/${id}/refunds`, { token: clerk, body: { amountCents: 3_000 } })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
  });

  it("a join on one instance reaches the referrals feature through the outbox, the queue and the worker", async () => {
    const referrer = await memberToken(at(0), 'two-referrer');
    const code = ((await call(at(1), 'POST', '/sandbox/wechat/dev/login', { body: { openid: 'two-referee' } })).body as { code: string }).code;
    const visitor = ((await call(at(1), 'POST', '/api/v1/auth/wechat', { body: { code } })).body as { token: string }).token;
    const { PRIVACY_NOTICE_VERSION } = await import('@huiyuan/shared-types');
    const joined = await call(at(1), 'POST', '/api/v1/members', { token: visitor, body: { consentVersion: PRIVACY_NOTICE_VERSION, scene: `s=S001&r=${referrer.referralCode}` } });
    const refereeId = (joined.body as { member: { id: number } }).member.id;
    const ds = await new DataSource({ type: 'mysql', url: database.url }).initialize();
    try {
      let rows: Array<{ n: number | string }> = [];
      for (let i = 0; i < 100; i++) {
        rows = await ds.query('SELECT COUNT(*) AS n FROM referrals WHERE referee_id = ? AND referrer_id = ?', [refereeId, referrer.id]);
        if (Number(rows[0]?.n) === 1) break;
        await sleep(100);
      }
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await ds.destroy();
    }
  });

  it('leaves the invariants holding over the whole database', async () => {
    const checked = await runCli('check-invariants', env);
    expect(checked.output).toMatch(/invariants: \d+ passed, 0 failed/);
    expect(checked.code).toBe(0);
  });
});

/** The embedded database serves one process: a second server on the same DATA_DIR is refused at start, clearly, instead of stalling both. */
(MYSQL ? describe.skip : describe)('two servers on one embedded SQLite file', () => {
  it('the second is refused with the reason and the way out; the first keeps serving, and a restart after a hard kill takes the lock over', async () => {
    const database = await createTestDatabase();
    const env = { DATA_DIR: database.dataDir, LOG_LEVEL: 'error' };
    let first = await startServer(env, { port: 4174 });
    try {
      const refused = await startServer(env, { port: 4175 }).then(
        async (second) => {
          await second.stop();
          return null;
        },
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/server exited with 1/);
      expect(refused).toContain(`already used by another Huiyuan process (pid ${first.child.pid})`);
      expect(refused).toContain('DATABASE_URL');
      expect((await call(first.url, 'GET', '/api/health')).status).toBe(200);
      // SIGKILL leaves the lock behind; its process is gone, so the next start takes it over.
      await first.killHard();
      first = await startServer(env, { port: 4174 });
      expect((await call(first.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await first.stop();
      await database.drop();
    }
  }, 120_000);
});
