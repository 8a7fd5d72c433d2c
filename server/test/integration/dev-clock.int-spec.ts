import type { DevClockStatus, HealthStatus } from '@huiyuan/shared-types';
import { DevClock } from '../../src/common/time/clock';
import { bearer, joinMember, seedOrganisation } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** A development server, as `npm start` runs it: its clock is a DevClock that journeys move over HTTP. */
describe('the development clock: every feature reads the moved time, and it goes back', () => {
  let t: TestApp;
  const clock = new DevClock();
  const moveTo = (at: string) => t.http.put('/api/v1/dev/clock').send({ at });

  beforeAll(async () => {
    t = await startTestApp({ appClock: clock });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves the clock for check-ins and make-ups, shows it in health, and resets to real time', async () => {
    const moved = await moveTo('2026-03-10T10:00:00+08:00').expect(200);
    const status = moved.body as DevClockStatus;
    expect(Math.abs(Date.parse(status.now) - Date.parse('2026-03-10T02:00:00Z'))).toBeLessThan(5000);
    expect(status.offsetMs).toBe(clock.offset);

    const member = await joinMember(t, 'dev-clock-member');
    await moveTo('2026-03-13T09:00:00+08:00').expect(200);
    const checkin = await t.http.post('/api/v1/checkins').set(bearer(member.token)).expect(201);
    expect((checkin.body as { date: string }).date).toBe('2026-03-13');
    const calendar = await t.http.get('/api/v1/checkins/calendar').set(bearer(member.token)).expect(200);
    expect((calendar.body as { today: string }).today).toBe('2026-03-13');
    // Joined on the 10th: the 11th is a missed day of this month that a make-up fills.
    const makeup = await t.http.post('/api/v1/checkins/makeups').set(bearer(member.token)).send({ date: '2026-03-11' }).expect(201);
    expect((makeup.body as { date: string }).date).toBe('2026-03-11');
    const before = await t.http.post('/api/v1/checkins/makeups').set(bearer(member.token)).send({ date: '2026-03-09' }).expect(409);
    expect((before.body as { error: { code: string } }).error.code).toBe('CHECKIN_MAKEUP_NOT_ALLOWED');

    const health = (await t.http.get('/api/health').expect(200)).body as HealthStatus;
    expect(health.clock?.now.slice(0, 10)).toBe('2026-03-13');

    const reset = (await t.http.delete('/api/v1/dev/clock').expect(200)).body as DevClockStatus;
    expect(reset.offsetMs).toBe(0);
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(5000);
    expect(((await t.http.get('/api/health').expect(200)).body as HealthStatus).clock).toBeUndefined();
  });

  it('refuses an instant that is not one, naming the field, and leaves the clock alone', async () => {
    for (const at of ['yesterday', '2026-02-30T10:00:00Z', 12]) {
      const res = await moveTo(at as string).expect(400);
      expect(JSON.stringify(res.body)).toContain('at');
    }
    await t.http.put('/api/v1/dev/clock').send({}).expect(400);
    expect(clock.offset).toBe(0);
  });
});
