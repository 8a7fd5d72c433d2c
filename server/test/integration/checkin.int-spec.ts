import { AuditRecord } from '../../src/audit/audit-record.entity';
import { Checkin } from '../../src/checkin/entities/checkin.entity';
import { Member } from '../../src/members/entities/member.entity';
import { TierEvaluationJob } from '../../src/members/tier-evaluation.job';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** An instant given as Shanghai wall-clock time, so tests read like the calendar the member sees. */
const shanghai = (local: string) => `${local.replace(' ', 'T')}+08:00`;

describe('check-in: one a day in Asia/Shanghai, streaks, rules, calendar, make-ups', () => {
  let t: TestApp;
  const defaults = { basePoints: 5, streakBonuses: [{ day: 3, points: 10 }, { day: 7, points: 30 }, { day: 30, points: 100 }], cycle: 'unlimited', growthPerCheckin: 0, applyTierMultiplier: false, makeupEnabled: true, makeupCostPoints: 20, makeupPerMonth: 2 };

  const checkIn = (m: JoinedMember) => t.http.post('/api/v1/checkins').set(bearer(m.token));
  // Staff tokens last 12 hours and these tests move the clock by days: log in afresh.
  const hqToken = () => staffToken(t, 'demo-hq');
  const setRules = async (rules: object) => t.http.put('/api/v1/staff/checkin-rules').set(bearer(await hqToken())).send({ ...defaults, ...rules }).expect(200);
  const join = async (openid: string, at: string) => {
    t.clock.set(shanghai(at));
    return joinMember(t, openid);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: shanghai('2026-03-01 09:00:00') });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await setRules({});
  });

  it('checks in once a day; a repeat answers the first result with 200', async () => {
    const m = await join('ci-once', '2026-03-02 09:00:00');
    const first = await checkIn(m).expect(201);
    expect(first.body).toEqual({ date: '2026-03-02', streak: 1, points: 5, bonus: 0, balance: 105 });
    t.clock.set(shanghai('2026-03-02 23:59:59'));
    const again = await checkIn(m).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId: m.id })).toBe(1);
  });

  it('treats 23:59:59 and 00:00:00 local time as two days, though both are the same UTC day', async () => {
    const m = await join('ci-midnight', '2026-03-03 08:00:00');
    t.clock.set(shanghai('2026-03-03 23:59:59'));
    expect((await checkIn(m).expect(201)).body).toMatchObject({ date: '2026-03-03', streak: 1 });
    t.clock.set(shanghai('2026-03-04 00:00:00'));
    expect(t.clock.now().toISOString().slice(0, 10)).toBe('2026-03-03');
    expect((await checkIn(m).expect(201)).body).toMatchObject({ date: '2026-03-04', streak: 2, points: 5 });
  });

  it('pays the streak bonus on day 3 and starts again after a missed day', async () => {
    const m = await join('ci-streak', '2026-03-05 08:00:00');
    for (const [day, streak, points] of [['2026-03-05', 1, 5], ['2026-03-06', 2, 5], ['2026-03-07', 3, 15], ['2026-03-08', 4, 5]] as const) {
      t.clock.set(shanghai(`${day} 12:00:00`));
      expect((await checkIn(m).expect(201)).body).toMatchObject({ date: day, streak, points, bonus: points - 5 });
    }
    t.clock.set(shanghai('2026-03-10 12:00:00'));
    expect((await checkIn(m).expect(201)).body).toMatchObject({ date: '2026-03-10', streak: 1, points: 5 });
    const ledger: Array<{ s: number; n: number }> = await t.dataSource.query("SELECT SUM(delta) AS s, COUNT(*) AS n FROM points_ledger WHERE member_id = ? AND source_type = 'checkin'", [m.id]);
    expect([Number(ledger[0]?.s), Number(ledger[0]?.n)]).toEqual([35, 5]);
  });

  it('restarts a weekly cycle on Monday', async () => {
    await setRules({ cycle: 'weekly', streakBonuses: [{ day: 2, points: 7 }] });
    const m = await join('ci-weekly', '2026-03-07 08:00:00');
    t.clock.set(shanghai('2026-03-07 08:00:00')); // Saturday
    await checkIn(m).expect(201);
    t.clock.set(shanghai('2026-03-08 23:59:59')); // Sunday
    expect((await checkIn(m).expect(201)).body).toMatchObject({ streak: 2, bonus: 7 });
    t.clock.set(shanghai('2026-03-09 00:00:00')); // Monday
    expect((await checkIn(m).expect(201)).body).toMatchObject({ streak: 1, bonus: 0 });
  });

  it('lets HQ edit the rules, audited; a clerk may read them but not change them; rules bind later check-ins only', async () => {
    const m = await join('ci-rules', '2026-03-11 08:00:00');
    expect((await checkIn(m).expect(201)).body.points).toBe(5);
    const clerk = await staffToken(t, 'demo-clerk');
    await t.http.get('/api/v1/staff/checkin-rules').set(bearer(clerk)).expect(200);
    await t.http.put('/api/v1/staff/checkin-rules').set(bearer(clerk)).send(defaults).expect(403);
    const hq = await hqToken();
    const bad = await t.http.put('/api/v1/staff/checkin-rules').set(bearer(hq)).send({ ...defaults, cycle: 'weekly' }).expect(400);
    expect(bad.body.error.message).toContain('day 30 can never be reached');
    const missing = await t.http.put('/api/v1/staff/checkin-rules').set(bearer(hq)).send({ ...defaults, basePoints: -1 }).expect(400);
    expect(missing.body.error.message).toContain('basePoints');

    await setRules({ basePoints: 8, growthPerCheckin: 3, applyTierMultiplier: true });
    expect(await t.dataSource.getRepository(AuditRecord).countBy({ action: 'checkin_rules.update' })).toBeGreaterThan(0);
    const first = await t.dataSource.getRepository(Checkin).findOneByOrFail({ memberId: m.id, day: '2026-03-11' });
    expect(first.points).toBe(5);

    const silver = await t.dataSource.query("SELECT id FROM tiers WHERE code = 'SILVER'");
    await t.dataSource.getRepository(Member).update({ id: m.id }, { tierId: Number(silver[0].id) });
    t.clock.set(shanghai('2026-03-12 08:00:00'));
    expect((await checkIn(m).expect(201)).body).toMatchObject({ streak: 2, points: 9 }); // 8 × 1.2, rounded down
    expect((await t.dataSource.getRepository(Member).findOneByOrFail({ id: m.id })).growth).toBe(3);
  });

  it('shows the month: days checked in, today, streak, upcoming bonus days and what today and tomorrow give', async () => {
    const m = await join('ci-calendar', '2026-03-13 08:00:00');
    await checkIn(m).expect(201);
    t.clock.set(shanghai('2026-03-14 21:00:00'));
    await checkIn(m).expect(201);
    const cal = await t.http.get('/api/v1/checkins/calendar').query({ month: '2026-03' }).set(bearer(m.token)).expect(200);
    expect(cal.body).toEqual({
      month: '2026-03',
      today: '2026-03-14',
      checkedDays: ['2026-03-13', '2026-03-14'],
      makeupDays: [],
      streak: 2,
      checkedInToday: true,
      bonusDays: [{ date: '2026-03-15', bonus: 10 }, { date: '2026-03-19', bonus: 30 }],
      todayPoints: 0,
      tomorrowPoints: 15,
      makeup: { enabled: true, costPoints: 20, remainingThisMonth: 2 },
    });
    t.clock.set(shanghai('2026-03-15 00:00:01'));
    const next = await t.http.get('/api/v1/checkins/calendar').set(bearer(m.token)).expect(200);
    expect(next.body).toMatchObject({ today: '2026-03-15', streak: 2, checkedInToday: false, todayPoints: 15, tomorrowPoints: 5 });
    const bad = await t.http.get('/api/v1/checkins/calendar').query({ month: '2026-13' }).set(bearer(m.token)).expect(400);
    expect(bad.body.error.message).toContain('month');
  });

  it('fills a missed day for points, joining the streak; limited per month, current month only, once per day', async () => {
    const m = await join('ci-makeup', '2026-03-16 08:00:00');
    await checkIn(m).expect(201); // 16th
    t.clock.set(shanghai('2026-03-18 08:00:00'));
    await checkIn(m).expect(201); // 18th: streak 1, the 17th missed
    t.clock.set(shanghai('2026-03-19 08:00:00'));

    const filled = await t.http.post('/api/v1/checkins/makeups').set(bearer(m.token)).send({ date: '2026-03-17' }).expect(201);
    expect(filled.body).toEqual({ date: '2026-03-17', streak: 2, costPoints: 20, balance: 100 + 5 + 5 - 20, currentStreak: 3 });
    const repeat = await t.http.post('/api/v1/checkins/makeups').set(bearer(m.token)).send({ date: '2026-03-17' }).expect(200);
    expect(repeat.body).toEqual(filled.body);
    // Today continues the restored streak: day 4.
    expect((await checkIn(m).expect(201)).body).toMatchObject({ date: '2026-03-19', streak: 4, points: 5 });

    const refused = async (date: string, reason: string) => {
      const res = await t.http.post('/api/v1/checkins/makeups').set(bearer(m.token)).send({ date }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'CHECKIN_MAKEUP_NOT_ALLOWED', message: reason });
    };
    await refused('2026-03-18', '这一天已签到，无需补签');
    await refused('2026-03-15', '入会之前的日子不能补签');
    await refused('2026-03-20', '只能补签今天之前的日子');
    await refused('2026-02-27', '只能补签本月的日子');
    await t.http.post('/api/v1/checkins/makeups').set(bearer(m.token)).send({ date: '2026-3-1' }).expect(400);

    await setRules({ makeupPerMonth: 1 });
    t.clock.set(shanghai('2026-03-22 08:00:00'));
    await refused('2026-03-21', '本月补签次数已用完（每月 1 次）');
    await setRules({ makeupEnabled: false });
    await refused('2026-03-21', '补签功能未开启');
    const cal = await t.http.get('/api/v1/checkins/calendar').set(bearer(m.token)).expect(200);
    expect(cal.body).toMatchObject({ makeupDays: ['2026-03-17'], checkedDays: ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19'], makeup: { enabled: false, remainingThisMonth: 0 } });
  });

  it('refuses a make-up the member cannot pay for, leaving no trace', async () => {
    await setRules({ makeupCostPoints: 500 });
    const m = await join('ci-makeup-poor', '2026-03-23 08:00:00');
    t.clock.set(shanghai('2026-03-25 08:00:00'));
    const res = await t.http.post('/api/v1/checkins/makeups').set(bearer(m.token)).send({ date: '2026-03-24' }).expect(409);
    expect(res.body.error.code).toBe('POINTS_INSUFFICIENT');
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId: m.id })).toBe(0);
  });

  it('makes one check-in and one award of 50 concurrent check-ins by one member', async () => {
    const m = await join('ci-concurrent', '2026-03-26 10:00:00');
    const responses = await Promise.all(Array.from({ length: 50 }, () => checkIn(m)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(49);
    const first = responses.find((r) => r.status === 201)?.body;
    for (const r of responses) expect(r.body).toEqual(first);
    expect(await t.dataSource.getRepository(Checkin).countBy({ memberId: m.id })).toBe(1);
    const ledger: Array<{ n: number }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ? AND source_type = 'checkin'", [m.id]);
    expect(Number(ledger[0]?.n)).toBe(1);
    expect((await t.dataSource.getRepository(Member).findOneByOrFail({ id: m.id })).pointsBalance).toBe(105);
  });

  it('writes check-in growth as a growth entry, upgrades at once, and the evaluation job keeps it', async () => {
    await setRules({ growthPerCheckin: 1500 });
    const m = await join('ci-growth', '2026-03-28 10:00:00');
    await checkIn(m).expect(201);
    const card = await t.http.get('/api/v1/members/me').set(bearer(m.token)).expect(200);
    expect(card.body).toMatchObject({ growth: 1500, tier: { code: 'SILVER' } });
    const entries: Array<{ amount: number; source_type: string }> = await t.dataSource.query('SELECT amount, source_type FROM growth_entries WHERE member_id = ?', [m.id]);
    expect(entries.map((e) => [Number(e.amount), e.source_type])).toEqual([[1500, 'checkin']]);
    const changes: Array<{ n: number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM tier_history WHERE member_id = ?', [m.id]);
    expect(Number(changes[0]?.n)).toBe(1);

    await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
    const after = await t.http.get('/api/v1/members/me').set(bearer(m.token)).expect(200);
    expect(after.body).toMatchObject({ growth: 1500, tier: { code: 'SILVER' } });
  });

  it('replays a retried request with the same Idempotency-Key', async () => {
    const m = await join('ci-idem', '2026-03-27 10:00:00');
    const first = await checkIn(m).set('Idempotency-Key', 'checkin-2026-03-27').expect(201);
    const retry = await checkIn(m).set('Idempotency-Key', 'checkin-2026-03-27').expect(200);
    expect(retry.body).toEqual(first.body);
  });
});
