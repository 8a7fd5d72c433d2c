import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { HealthStatus } from '@huiyuan/shared-types';
import { checkInvariants } from '../../src/cli/invariants';
import { bearer, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';
import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';

/** A Redis of this test's own (never the shared one): it is killed and started again. */
const PORT = Number(process.env.TEST_OWN_REDIS_PORT ?? 4151);
const REDIS_URL = `redis://127.0.0.1:${PORT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      await sleep(50);
    }
  }
  throw new Error(`redis-server did not start on port ${PORT}`);
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('with Redis (BullMQ): job schedulers, and Redis down and back', () => {
  let redis: ChildProcess;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    t = await startTestApp({
      now: '2026-03-01T04:00:00.000Z',
      env: { REDIS_URL, REDIS_PREFIX: `hy-test-${randomBytes(4).toString('hex')}`, JOB_INTERVALS: 'points-expire=500,tiers-evaluate=500,coupons-expire=500,referrals-sweep=500' },
    });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
    if (redis.exitCode === null) await stopRedis(redis);
  });

  async function health(): Promise<HealthStatus> {
    return (await t.http.get('/api/health').expect(200)).body as HealthStatus;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await read();
      if (done(value)) return value;
      await sleep(100);
    }
    return read();
  }

  it('runs every periodic job through BullMQ job schedulers (coupon expiry included: its job id once killed the server)', async () => {
    const core = ['coupons-expire', 'points-expire', 'referrals-sweep', 'tiers-evaluate'];
    const jobs = (await until(health, (h) => h.jobs.filter((j) => core.includes(j.name) && j.runs > 0).length === core.length)).jobs;
    const ran = jobs.filter((j) => j.runs > 0);
    expect(core.filter((name) => !ran.some((j) => j.name === name))).toEqual([]);
    expect(ran.map((j) => [j.name, j.lastOutcome])).toEqual(ran.map((j) => [j.name, 'ok']));
    expect((await health()).queue).toEqual({ ok: true, mode: 'redis' });
  });

  it('answers joins, check-ins and purchases while Redis is down, keeps their events in the outbox, and relays them when it is back', async () => {
    const clerk = await staffToken(t, 'demo-clerk');
    const referrer = await joinMember(t, 'outage-referrer');
    const visitor = await visitorToken(t, 'outage-referee');
    await stopRedis(redis);

    // Before: 45 s and counting (publication awaited a Redis that was not there). supertest's timeout bounds the wait.
    const joined = await t.http
      .post('/api/v1/members')
      .set(bearer(visitor))
      .timeout(15_000)
      .send({ consentVersion: PRIVACY_NOTICE_VERSION, scene: `s=S001&r=${referrer.referralCode}` })
      .expect(201);
    const referee = joined.body as { token: string; member: { id: number; cardNo: string } };
    await t.http.post('/api/v1/checkins').set(bearer(referee.token)).timeout(15_000).expect(201);
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).timeout(15_000).send({ cardNo: referee.member.cardNo, amountCents: 9_900, orderNo: 'OUTAGE-1' }).expect(201);

    const down = await health();
    expect(down.status).toBe('degraded');
    expect(down.queue.ok).toBe(false);
    expect(down.outbox.pending).toBeGreaterThanOrEqual(3);
    const referrals = () => t.dataSource.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM referrals WHERE referee_id = ?', [referee.member.id]);
    expect(Number((await referrals())[0]?.n)).toBe(0);

    redis = await startRedis();
    const back = await until(health, (h) => h.status === 'ok' && h.outbox.pending === 0);
    expect(back.outbox.pending).toBe(0);
    // The join's event reached the referrals feature's handler through the queue.
    const recorded = await until(referrals, (rows) => Number(rows[0]?.n) === 1);
    expect(Number(recorded[0]?.n)).toBe(1);
    expect((await checkInvariants(t.dataSource)).filter((r) => r.violations.length)).toEqual([]);
  });
});
