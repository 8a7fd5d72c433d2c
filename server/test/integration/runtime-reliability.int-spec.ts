import type { HealthStatus, PeriodicJobStatus } from '@huiyuan/shared-types';
import { IdempotentReplies } from '../../src/common/idempotency/idempotent-replies';
import { JobScheduler } from '../../src/common/queue/job-scheduler';
import { checkInvariants } from '../../src/cli/invariants';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectInvariantsHold(t: TestApp): Promise<void> {
  const broken = (await checkInvariants(t.dataSource)).filter((r) => r.violations.length > 0);
  expect(broken).toEqual([]);
}

describe('periodic jobs run in a live server and /api/health shows their last run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      now: '2026-03-01T04:00:00.000Z',
      env: { JOB_INTERVALS: 'points-expire=300,tiers-evaluate=300,coupons-expire=300,referrals-sweep=300' },
    });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function jobsWhen(done: (jobs: PeriodicJobStatus[]) => boolean): Promise<PeriodicJobStatus[]> {
    for (let i = 0; i < 200; i++) {
      const health = (await t.http.get('/api/health').expect(200)).body as HealthStatus;
      if (done(health.jobs)) return health.jobs;
      await sleep(100);
    }
    return ((await t.http.get('/api/health').expect(200)).body as HealthStatus).jobs;
  }

  it('expires due points on its own (no test calls the job), and reports what each job did', async () => {
    const clerk = await staffToken(t, 'demo-clerk');
    const m = await joinMember(t, 'jobs-expiry');
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 20_000, orderNo: 'JOB-1' }).expect(201);
    const before = (await t.http.get('/api/v1/members/me').set(bearer(m.token)).expect(200)).body as { points: number };
    expect(before.points).toBeGreaterThan(0);

    // Lots earned in 2026 expire at the end of 2027.
    t.clock.set('2028-01-02T00:00:00.000Z');
    const expired = (job?: PeriodicJobStatus) => typeof job?.lastResult === 'object' && job.lastResult !== null && (job.lastResult as { points: number }).points > 0;
    // Jobs other features declare later run on their own periods; these four are this suite's.
    const mine = (all: PeriodicJobStatus[]) => all.filter((j) => ['coupons-expire', 'points-expire', 'referrals-sweep', 'tiers-evaluate'].includes(j.name));
    const jobs = mine(await jobsWhen((all) => expired(all.find((j) => j.name === 'points-expire')) && mine(all).every((j) => j.runs > 0)));
    expect(jobs).toHaveLength(4);
    for (const job of jobs) {
      expect(job).toMatchObject({ everyMs: 300, lastOutcome: 'ok' });
      expect(job.runs).toBeGreaterThan(0);
      expect(Date.parse(job.lastFinishedAt ?? '')).not.toBeNaN();
    }
    expect(jobs.find((j) => j.name === 'points-expire')?.lastResult).toEqual({ members: 1, points: before.points });
    const ledger: Array<{ n: number | string }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ? AND type = 'expire'", [m.id]);
    // Once, however many periods passed.
    expect(Number(ledger[0]?.n)).toBe(1);
    await expectInvariantsHold(t);
  });
});

describe('an Idempotency-Key commits with its effect', () => {
  let t: TestApp;
  let hq: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-01T04:00:00.000Z' });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
  });
  afterAll(async () => {
    await t.close();
  });

  it('replays the first redemption after the process died between commit and reply, instead of spending the points twice', async () => {
    const template = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(hq))
      .send({ title: '十元券', kind: 'cash', amountCents: 1000, minSpendCents: 5000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' })
      .expect(201);
    const reward = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '十元券', pointsPrice: 30, stock: 100, couponTemplateId: template.body.id }).expect(201);
    const m = await joinMember(t, 'idem-crash');
    const redeem = () => t.http.post(`/api/v1/rewards/${reward.body.id}/redemptions`).set(bearer(m.token)).set('Idempotency-Key', 'redeem-crash-0001');

    // The process dies right after the handler returned: whatever the reply hooks would still do never happens.
    const replies = IdempotentReplies.prototype as unknown as Record<'complete' | 'release', () => Promise<void>>;
    const died = () => Promise.reject(new Error('process killed'));
    const complete = jest.spyOn(replies, 'complete').mockImplementation(died);
    const release = jest.spyOn(replies, 'release').mockImplementation(died);
    let first: { status: number; body: unknown };
    try {
      first = await redeem();
    } finally {
      complete.mockRestore();
      release.mockRestore();
    }
    // The client saw an error (or nothing). It retries after the claim went stale: 62 s later.
    t.clock.advance(62_000);
    const retry = await redeem().expect(200);
    const redemptions: Array<{ n: number | string }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM reward_redemptions WHERE member_id = ?', [m.id]);
    expect(Number(redemptions[0]?.n)).toBe(1);
    expect(retry.body).toMatchObject({ coupon: { status: 'active' }, balance: 100 - 30 });
    if (first.status === 201) expect(retry.body).toEqual(first.body);
    await expectInvariantsHold(t);
  });
});

describe('DATABASE_POOL_SIZE=1', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Before: the migration lock held the only connection and start-up waited for itself forever.
    t = await startTestApp({ now: '2026-03-01T04:00:00.000Z', env: { DATABASE_POOL_SIZE: '1' } });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts, serves the journeys, and runs every job (each takes a named lock) on one connection', async () => {
    const clerk = await staffToken(t, 'demo-clerk');
    const m = await joinMember(t, 'pool-one');
    await t.http.post('/api/v1/checkins').set(bearer(m.token)).expect(201);
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 5_000, orderNo: 'POOL-1' }).expect(201);
    const scheduler = t.get(JobScheduler);
    const names = ((await t.http.get('/api/health').expect(200)).body as HealthStatus).jobs.map((j) => j.name);
    for (const job of names) await scheduler.runNow(job);
    const health = (await t.http.get('/api/health').expect(200)).body as HealthStatus;
    expect(health.jobs.map((j) => [j.name, j.lastOutcome])).toEqual(names.map((name) => [name, 'ok']));
    await expectInvariantsHold(t);
  });
});
