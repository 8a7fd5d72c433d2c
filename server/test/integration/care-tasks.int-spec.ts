import { StaffRole } from '@huiyuan/shared-types';
import { CareTaskGenerationJob } from '../../src/care-tasks/care-task-generation.job';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { MemberStatsService } from '../../src/tags/member-stats.service';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const NOON = '2026-12-01T04:00:00.000Z';

interface TaskBody {
  id: number;
  kind: string;
  status: string;
  dueDay: string;
  expiresDay: string;
  member: { id: number };
  note: string | null;
  outcome: string | null;
  clerk: { id: number; name: string } | null;
  doneBy: { id: number; name: string } | null;
}

describe('care tasks', () => {
  let t: TestApp;
  let hq: string;
  let manager: string;
  let clerk: string;
  let clerk2: string;
  let clerkId: number;
  beforeAll(async () => {
    t = await startTestApp({ now: NOON });
    await seedOrganisation(t);
    [hq, manager, clerk, clerk2] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-manager'), staffToken(t, 'demo-clerk'), staffToken(t, 'demo-clerk2')]);
    clerkId = ((await t.http.get('/api/v1/staff/me').set(bearer(clerk)).expect(200)).body as { id: number }).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const job = () => t.get(CareTaskGenerationJob);
  const mine = async (token: string) => (await t.http.get('/api/v1/staff/care-tasks/mine').set(bearer(token)).expect(200)).body as TaskBody[];
  const assign = (memberId: number, id: number) => t.http.put(`/api/v1/staff/members/${memberId}/clerk`).set(bearer(manager)).send({ clerkId: id }).expect(200);
  const count = async () => Number(((await t.dataSource.query('SELECT COUNT(*) AS n FROM care_tasks')) as Array<{ n: number }>)[0]!.n);

  it('opens a task per moment for the maintaining clerk, once however often and however many run it', async () => {
    const fresh = await joinMember(t, 'care-new', 's=S001');
    await assign(fresh.id, clerkId);
    const birthday = await joinMember(t, 'care-birthday', 's=S001');
    await assign(birthday.id, clerkId);
    // 3 December is two days ahead: the birthday task opens three days before.
    await t.http.patch('/api/v1/members/me/profile').set(bearer(birthday.token)).send({ birthday: { calendar: 'solar', month: 12, day: 3 } }).expect(200);
    const nobody = await joinMember(t, 'care-no-clerk', 's=S001');

    const first = await job().run();
    expect(first.created).toBeGreaterThanOrEqual(3);
    const before = await count();
    // A re-run and two instances at once add nothing.
    await Promise.all([job().run(), job().run(), job().run()]);
    expect(await count()).toBe(before);

    const list = await mine(clerk);
    const of = (memberId: number) => list.filter((x) => x.member.id === memberId).map((x) => x.kind).sort();
    expect(of(fresh.id)).toEqual(['new_member']);
    expect(of(birthday.id)).toEqual(['birthday', 'new_member']);
    expect(of(nobody.id)).toEqual([]);
    expect(list.find((x) => x.kind === 'birthday')).toMatchObject({ dueDay: '2026-11-30', expiresDay: '2026-12-03' });
    expect(list.find((x) => x.member.id === fresh.id)).toMatchObject({ dueDay: '2026-12-01', expiresDay: '2026-12-07', clerk: { id: clerkId } });
    expect(await mine(clerk2)).toEqual([]);
  });

  it('a clerk transfer moves the open tasks; the new clerk records the outcome, once, and the manager sees it', async () => {
    const created = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username: 'care-clerk', displayName: '周店员', role: StaffRole.CLERK, storeCode: 'S001', password: 'zhou-pw-2026-care' });
    expect(created.status).toBe(201);
    const newClerkId = (created.body as { staff: { id: number } }).staff.id;
    const moving = (await mine(clerk)).length;
    expect(moving).toBeGreaterThan(0);
    await t.http.post('/api/v1/staff/clerk-transfers').set(bearer(manager)).send({ fromClerkId: clerkId, toClerkId: newClerkId }).expect(201);
    expect(await mine(clerk)).toEqual([]);
    const newClerk = await staffToken(t, 'care-clerk', 'zhou-pw-2026-care');
    const theirs = await mine(newClerk);
    expect(theirs).toHaveLength(moving);

    const task = theirs[0]!;
    await t.http.post(`/api/v1/staff/care-tasks/${task.id}/outcome`).set(bearer(newClerk)).send({ outcome: 'maybe' }).expect(400);
    await t.http.post(`/api/v1/staff/care-tasks/${task.id}/outcome`).set(bearer(clerk2)).send({ outcome: 'called' }).expect(403);
    await t.http.post('/api/v1/staff/care-tasks/999999/outcome').set(bearer(newClerk)).send({ outcome: 'called' }).expect(404);
    const done = await t.http.post(`/api/v1/staff/care-tasks/${task.id}/outcome`).set(bearer(newClerk)).send({ outcome: 'visit_booked', note: '周六下午到店试新品' }).expect(201);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'visit_booked', note: '周六下午到店试新品', doneBy: { id: newClerkId, name: '周店员' } });
    const again = await t.http.post(`/api/v1/staff/care-tasks/${task.id}/outcome`).set(bearer(newClerk)).send({ outcome: 'called' }).expect(409);
    expect(again.body.error.code).toBe('CARE_TASK_CLOSED');
    expect((await mine(newClerk)).map((x) => x.id)).not.toContain(task.id);

    const report = (await t.http.get('/api/v1/staff/care-tasks/completion').set(bearer(manager)).expect(200)).body as { rows: Array<{ clerk: { id: number }; store: { name: string }; open: number; done: number; expired: number; completionRate: number | null }>; recent: TaskBody[] };
    expect(report.rows.find((r) => r.clerk.id === newClerkId)).toMatchObject({ store: { name: '静安旗舰店' }, open: moving - 1, done: 1, expired: 0, completionRate: 1 });
    expect(report.recent[0]).toMatchObject({ id: task.id, note: '周六下午到店试新品' });
    // A store manager sees their own store only; HQ sees all; a clerk none.
    await t.http.get('/api/v1/staff/care-tasks/completion').set(bearer(clerk)).expect(403);
    await t.http.get('/api/v1/staff/care-tasks/completion?from=2026-12-09&to=2026-12-01').set(bearer(hq)).expect(400);
  });

  it('tasks past their last day expire and leave the list; a first purchase brings a follow-up a week later', async () => {
    const buyer = await joinMember(t, 'care-buyer', 's=S001');
    await assign(buyer.id, clerkId);
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: buyer.cardNo, amountCents: 5800, orderNo: 'CARE-1' }).expect(201);
    await job().run();
    expect((await mine(clerk)).filter((x) => x.member.id === buyer.id).map((x) => x.kind)).toEqual(['new_member']);

    // Seven days on (Shanghai midnight is the boundary): the new-member task's last day was yesterday; the follow-up opens.
    t.clock.set(new Date(Date.parse('2026-12-07T16:00:00.000Z')));
    const clerkNow = await staffToken(t, 'demo-clerk');
    const run = await job().run();
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const list = await mine(clerkNow);
    expect(list.filter((x) => x.member.id === buyer.id).map((x) => [x.kind, x.dueDay, x.expiresDay])).toEqual([['first_purchase', '2026-12-08', '2026-12-14']]);
    const expired: Array<{ status: string; staff_id: number }> = await t.dataSource.query("SELECT status, staff_id FROM care_tasks WHERE member_id = ? AND kind = 'new_member'", [buyer.id]);
    expect(expired).toEqual([{ status: 'expired', staff_id: clerkId }]);

    // One second before midnight the follow-up was not yet due.
    t.clock.set(new Date(Date.parse('2026-12-07T15:59:59.000Z')));
    expect((await mine(await staffToken(t, 'demo-clerk'))).some((x) => x.kind === 'first_purchase' && x.member.id === buyer.id)).toBe(false);
    t.clock.set(NOON);
  });

  it('HQ edits the rules; a rule switched off makes no more tasks', async () => {
    const rules = (await t.http.get('/api/v1/staff/care-task-rules').set(bearer(hq)).expect(200)).body as Record<string, { enabled: boolean; offsetDays: number; windowDays: number }>;
    expect(rules.new_member).toEqual({ enabled: true, offsetDays: 0, windowDays: 7 });
    await t.http.put('/api/v1/staff/care-task-rules').set(bearer(manager)).send(rules).expect(403);
    await t.http.put('/api/v1/staff/care-task-rules').set(bearer(hq)).send({ ...rules, new_member: { enabled: true, offsetDays: 0, windowDays: 0 } }).expect(400);
    await t.http.put('/api/v1/staff/care-task-rules').set(bearer(hq)).send({ ...rules, new_member: { ...rules.new_member, enabled: false } }).expect(200);
    const m = await joinMember(t, 'care-off', 's=S001');
    await assign(m.id, clerkId);
    await job().run();
    expect((await mine(clerk)).some((x) => x.member.id === m.id)).toBe(false);
  });

  it('a member gone dormant brings a revisit task; one whose spend fell by half a care task, once a quarter; one whose spend held, none', async () => {
    const at = (iso: string) => t.clock.set(iso);
    const clerkAt = () => staffToken(t, 'demo-clerk');
    const refresh = (ids: number[]) => t.get(TransactionRunner).run((m) => t.get(MemberStatsService).refreshMembers(m, ids));
    at('2027-01-05T04:00:00.000Z');
    const [sleeper, faded, steady] = [await joinMember(t, 'care-sleeper', 's=S001'), await joinMember(t, 'care-faded', 's=S001'), await joinMember(t, 'care-steady', 's=S001')];
    const manager = await staffToken(t, 'demo-manager');
    for (const m of [sleeper, faded, steady]) await t.http.put(`/api/v1/staff/members/${m.id}/clerk`).set(bearer(manager)).send({ clerkId }).expect(200);
    const sale = async (m: { cardNo: string }, amountCents: number, orderNo: string) => t.http.post('/api/v1/staff/purchases').set(bearer(await clerkAt())).send({ cardNo: m.cardNo, amountCents, orderNo }).expect(201);
    await sale(sleeper, 10_000, 'CARE-SLEEP-1');
    await sale(faded, 100_000, 'CARE-FADE-1');
    await sale(steady, 100_000, 'CARE-STEADY-1');
    // A hundred days on: the faded member spends 400 yuan (under half of the 1,000 before), the steady one 600.
    at('2027-04-15T04:00:00.000Z');
    await sale(faded, 40_000, 'CARE-FADE-2');
    await sale(steady, 60_000, 'CARE-STEADY-2');
    await refresh([sleeper.id, faded.id, steady.id]);
    await Promise.all([job().run(), job().run()]);
    await job().run();
    const tasks = async (memberId: number) => ((await t.dataSource.query('SELECT kind, occurrence_key, status FROM care_tasks WHERE member_id = ? AND kind IN (?, ?) ORDER BY id', [memberId, 'dormant', 'spend_drop'])) as Array<{ kind: string; occurrence_key: string; status: string }>).map((x) => [x.kind, x.occurrence_key, x.status]);
    // 100 days without a purchase: 沉睡 (the default is 90), tagged today, so a revisit task opens today; spend fell to nothing too.
    expect(await tasks(sleeper.id)).toEqual([['dormant', '2027-04-15', 'open'], ['spend_drop', '2027-Q2', 'open']]);
    expect(await tasks(faded.id)).toEqual([['spend_drop', '2027-Q2', 'open']]);
    expect(await tasks(steady.id)).toEqual([]);
    const list = await mine(await clerkAt());
    expect(list.filter((x) => [sleeper.id, faded.id, steady.id].includes(x.member.id)).map((x) => `${x.member.id}:${x.kind}`).sort()).toEqual([`${faded.id}:spend_drop`, `${sleeper.id}:dormant`, `${sleeper.id}:spend_drop`].sort());
    // A week later the drop persists: still one task this quarter; the sleeper's tag is not new, so no second revisit.
    at('2027-04-22T04:00:00.000Z');
    await refresh([sleeper.id, faded.id, steady.id]);
    await job().run();
    expect(await tasks(faded.id)).toEqual([['spend_drop', '2027-Q2', 'open']]);
    expect(await tasks(sleeper.id)).toEqual([['dormant', '2027-04-15', 'open'], ['spend_drop', '2027-Q2', 'open']]);
    expect(await tasks(steady.id)).toEqual([]);
    t.clock.set(NOON);
  });
});
