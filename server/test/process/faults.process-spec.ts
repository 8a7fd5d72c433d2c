import { IsNull, DataSource } from 'typeorm';
import { join } from 'node:path';
import { IdempotencyRecord } from '../../src/common/idempotency/idempotency-record.entity';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { call, memberToken, Reply, runCli, ServerProcess, staffLogin, startServer } from './processes';

const MYSQL = Boolean(process.env.TEST_DATABASE_URL);

async function openDatabase(database: TestDatabase): Promise<DataSource> {
  return new DataSource(dataSourceOptions(database.url ? { driver: 'mysql', url: database.url, poolSize: 2 } : { driver: 'sqlite', file: join(database.dataDir, 'huiyuan.sqlite') })).initialize();
}

async function invariantsHold(env: Record<string, string>): Promise<void> {
  const checked = await runCli('check-invariants', env);
  expect(checked.output).toMatch(/invariants: \d+ passed, 0 failed/);
  expect(checked.code).toBe(0);
}

describe('faults', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATA_DIR: database.dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
    expect((await runCli('seed', env)).code).toBe(0);
  });
  afterEach(async () => {
    await server?.stop();
    server = null;
  });
  afterAll(async () => {
    await database.drop();
  });

  // Item 3. Before: 20 members × 8 keyed redemptions, kill -9 mid-burst, restart, retry after 62 s: keys redeemed twice.
  it('kill -9 mid-burst of keyed redemptions, restart, retry every key: each key has exactly one effect', async () => {
    server = await startServer(env, { port: 4161 });
    const hq = await staffLogin(server.url, 'demo-hq');
    const template = await call(server.url, 'POST', '/api/v1/staff/coupon-templates', {
      token: hq,
      body: { title: '故障券', kind: 'cash', amountCents: 500, minSpendCents: 0, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' },
    });
    const reward = await call(server.url, 'POST', '/api/v1/staff/rewards', { token: hq, body: { title: '故障券', pointsPrice: 10, stock: 10_000, couponTemplateId: (template.body as { id: number }).id } });
    const rewardId = (reward.body as { id: number }).id;
    const members = [];
    for (let i = 0; i < 20; i++) members.push(await memberToken(server.url, `kill9-${i}`));
    const keys = members.flatMap((m) => Array.from({ length: 8 }, (_, n) => ({ member: m, key: `kill9-${m.id}-${n}` })));

    const answered: Reply[] = [];
    const running = server;
    // Kill once the burst is surely under way: some answered, most still in flight.
    const killed = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (answered.length >= 10) {
          clearInterval(check);
          void running.killHard().then(resolve);
        }
      }, 2);
    });
    const burst = await Promise.all(
      keys.map(async ({ member, key }) => {
        const reply = await call(running.url, 'POST', `/api/v1/rewards/${rewardId}/redemptions`, { token: member.token, key });
        answered.push(reply);
        return reply;
      }),
    );
    await killed;
    const cutOff = burst.filter((r) => r.status === 0).length;
    expect(cutOff).toBeGreaterThan(0);

    // The retry comes after the first requests' claims went stale (60 s): age them instead of waiting.
    const ds = await openDatabase(database);
    try {
      await ds.getRepository(IdempotencyRecord).update({ statusCode: IsNull() }, { createdAt: new Date(Date.now() - 120_000) });
    } finally {
      await ds.destroy();
    }
    server = await startServer(env, { port: 4161 });
    const restarted = server;
    const retried = await Promise.all(keys.map(({ member, key }) => call(restarted.url, 'POST', `/api/v1/rewards/${rewardId}/redemptions`, { token: member.token, key })));
    expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    keys.forEach((_, i) => {
      if (burst[i]!.status === 201) expect(retried[i]!.body).toEqual(burst[i]!.body);
    });

    const check = await openDatabase(database);
    try {
      const counts = await check.query<Array<{ member_id: number; n: number | string }>>('SELECT member_id, COUNT(*) AS n FROM reward_redemptions WHERE reward_id = ? GROUP BY member_id', [rewardId]);
      expect(counts.map((c) => Number(c.n))).toEqual(members.map(() => 8));
      const balances = await check.query<Array<{ points_balance: number }>>(`SELECT points_balance FROM members WHERE id IN (${members.map(() => '?').join(', ')})`, members.map((m) => m.id));
      expect(new Set(balances.map((b) => Number(b.points_balance)))).toEqual(new Set([100 - 80]));
    } finally {
      await check.destroy();
    }
    await invariantsHold(env);
  });

  (MYSQL ? it : it.skip)('a MySQL connection killed mid-transaction (KILL from another session): the sale is all or nothing, the pool recovers, retries record each order once', async () => {
    server = await startServer({ ...env, DATABASE_POOL_SIZE: '8' }, { port: 4162 });
    const clerk = await staffLogin(server.url, 'demo-clerk');
    const members = [];
    for (let i = 0; i < 10; i++) members.push(await memberToken(server.url, `kill-conn-${i}`));
    const orders = members.flatMap((m) => Array.from({ length: 20 }, (_, n) => ({ cardNo: m.cardNo, orderNo: `KC-${m.id}-${n}`, amountCents: 1000 + n })));

    const admin = await new DataSource({ type: 'mysql', url: process.env.TEST_DATABASE_URL, poolSize: 2 }).initialize();
    const dbName = new URL(database.url as string).pathname.slice(1);
    const running = server;
    const sell = (batch: typeof orders) => Promise.all(batch.map((o) => call(running.url, 'POST', '/api/v1/staff/purchases', { token: clerk, body: o })));

    // 1. Sales held inside their transactions (a lock on their member's row), then their connections killed.
    const holder = admin.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const held = members[0]!;
    await holder.query(`SELECT id FROM \`${dbName}\`.members WHERE id = ? FOR UPDATE`, [held.id]);
    const [holderId] = await holder.query('SELECT CONNECTION_ID() AS id');
    const heldSales = sell(orders.filter((o) => o.cardNo === held.cardNo).slice(0, 4));
    let killed: Array<{ id: number }> = [];
    for (let i = 0; i < 200 && killed.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 25));
      killed = await admin.query<Array<{ id: number }>>(
        'SELECT p.ID AS id FROM information_schema.PROCESSLIST p JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.DB = ? AND p.ID <> ?',
        [dbName, Number(holderId.id)],
      );
    }
    expect(killed.length).toBeGreaterThan(0);
    for (const k of killed) await admin.query(`KILL ${Number(k.id)}`);
    await holder.commitTransaction();
    await holder.release();
    const heldReplies = await heldSales;

    // 2. A burst while any of the server's connections, busy or idle, may be killed under it.
    let selling = true;
    let kills = 0;
    const killer = (async () => {
      while (selling) {
        const open = await admin.query<Array<{ id: number }>>('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [dbName]);
        const victim = open[Math.floor(Math.random() * open.length)];
        if (victim) {
          await admin.query(`KILL ${Number(victim.id)}`).catch(() => undefined);
          kills++;
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    const first: Reply[] = [...heldReplies];
    for (let i = 0; i < orders.length; i += 16) first.push(...(await sell(orders.slice(i, i + 16))));
    selling = false;
    await killer;
    await admin.destroy();
    expect(kills).toBeGreaterThan(0);
    // Every answer is an answer: the sale, or an error in the envelope. The process never went down.
    expect(heldReplies.filter((r) => r.status !== 201).length).toBeGreaterThan(0);
    for (const reply of first) {
      if (reply.status !== 201 && reply.status !== 200) expect(reply.body).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(first.filter((r) => r.status === 0)).toEqual([]);

    const retried = await Promise.all(orders.map((o) => call(running.url, 'POST', '/api/v1/staff/purchases', { token: clerk, body: o })));
    expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    const check = await openDatabase(database);
    try {
      const recorded = await check.query<Array<{ n: number | string; d: number | string }>>("SELECT COUNT(*) AS n, COUNT(DISTINCT order_no) AS d FROM purchases WHERE order_no LIKE 'KC-%'");
      expect([Number(recorded[0]?.n), Number(recorded[0]?.d)]).toEqual([orders.length, orders.length]);
    } finally {
      await check.destroy();
    }
    expect((await call(running.url, 'GET', '/api/health')).status).toBe(200);
    await invariantsHold(env);
  });

  it('WeChat timing out or failing (sandbox fault injection): login answers an error in the envelope, nothing is half-made, and it works once WeChat is back', async () => {
    server = await startServer(env, { port: 4163 });
    const url = server.url;
    const code = async (openid: string) => ((await call(url, 'POST', '/sandbox/wechat/dev/login', { body: { openid } })).body as { code: string }).code;
    for (const fault of [{ path: '/sns/jscode2session', latencyMs: 15_000 }, { path: '/sns/jscode2session', errcode: -1 }, { path: '/sns/jscode2session', httpStatus: 500 }]) {
      expect((await call(url, 'POST', '/sandbox/wechat/dev/faults', { body: fault })).status).toBe(201);
      const login = await call(url, 'POST', '/api/v1/auth/wechat', { body: { code: await code('wechat-down') } });
      expect(login.status).toBe(503);
      expect(login.body).toMatchObject({ error: { code: 'WECHAT_UNAVAILABLE' } });
      expect((await call(url, 'DELETE', '/sandbox/wechat/dev/faults')).status).toBe(200);
    }
    const member = await memberToken(url, 'wechat-down');
    expect(member.id).toBeGreaterThan(0);
    await invariantsHold(env);
  });
});
