import { AutomationKind, AutomationView } from '@huiyuan/shared-types';
import { AutomationScanJob } from '../../src/automations/automation-scan.job';
import { bearer, JoinedMember, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const NOON = '2026-12-01T04:00:00.000Z';

describe('automations', () => {
  let t: TestApp;
  let hq: string;
  let clerk: string;
  let couponTemplateId: number;
  let automations: Map<AutomationKind, AutomationView>;
  beforeAll(async () => {
    t = await startTestApp({ now: NOON });
    await seedOrganisation(t);
    [hq, clerk] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-clerk')]);
    type Template = { id: number; active: boolean; storeScope: string; minTierRank: number | null };
    const templates = (await t.http.get('/api/v1/staff/coupon-templates').set(bearer(hq)).expect(200)).body as { items?: Template[] } | Template[];
    couponTemplateId = (Array.isArray(templates) ? templates : templates.items!).find((x) => x.active && x.storeScope !== 'issuing' && x.minTierRank === null)!.id;
    const list = (await t.http.get('/api/v1/staff/automations').set(bearer(hq)).expect(200)).body as AutomationView[];
    automations = new Map(list.map((a) => [a.kind, a]));
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.set(NOON));

  const scan = () => t.get(AutomationScanJob).run();
  const configure = (kind: AutomationKind, body: object, status = 200) => t.http.patch(`/api/v1/staff/automations/${automations.get(kind)!.id}`).set(bearer(hq)).send(body).expect(status);
  const occurrences = async (kind: AutomationKind, memberId: number) =>
    (await t.dataSource.query('SELECT occurrence_key, status, coupon_id, points FROM automation_occurrences WHERE automation_id = ? AND member_id = ? ORDER BY id', [automations.get(kind)!.id, memberId])) as Array<{ occurrence_key: string; status: string; coupon_id: number | null; points: number }>;
  const wallet = async (m: JoinedMember) => ((await t.http.get('/api/v1/coupons').set(bearer(m.token)).expect(200)).body as { items: Array<{ id: number }> }).items;
  const setBirthday = (m: JoinedMember, calendar: 'solar' | 'lunar', month: number, day: number) => t.http.patch('/api/v1/members/me/profile').set(bearer(m.token)).send({ birthday: { calendar, month, day } }).expect(200);
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting for the event to be handled');
  };

  it('lists one automation per kind, switched off; HQ edits one and bad input is refused by name', async () => {
    expect([...automations.keys()].sort()).toEqual(Object.values(AutomationKind).sort());
    expect([...automations.values()].every((a) => !a.enabled)).toBe(true);
    await t.http.get('/api/v1/staff/automations').set(bearer(clerk)).expect(403);
    expect((await configure(AutomationKind.BIRTHDAY, { timing: { days: 99 } }, 400)).body.error.message).toMatch(/days/);
    expect((await configure(AutomationKind.BIRTHDAY, { couponTemplateId: 999999 }, 400)).body.error.message).toMatch(/couponTemplateId/);
    expect((await configure(AutomationKind.BIRTHDAY, { fieldValues: { 'bad key': 'x' } }, 400)).body.error.message).toMatch(/fieldValues/);
    expect((await configure(AutomationKind.POINTS_CHANGED, { pointsAward: 10 }, 400)).body.error.message).toMatch(/pointsAward/);
    expect((await configure(AutomationKind.WELCOME, { timing: { days: 3 } }, 400)).body.error.message).toMatch(/timing/);
    await t.http.patch('/api/v1/staff/automations/999999').set(bearer(hq)).send({ enabled: true }).expect(404);
  });

  it('birthday: the day before at Shanghai midnight, with the coupon, once under re-runs and two instances; the tier\'s points on the day', async () => {
    const body = (await configure(AutomationKind.BIRTHDAY, { enabled: true, couponTemplateId, timing: { days: 1 }, fieldValues: { thing1: '{nickname}，生日快乐', thing2: '{coupon}' } })).body as AutomationView;
    expect(body).toMatchObject({ enabled: true, couponTemplateId, timing: { days: 1 } });
    const m = await joinMember(t, 'auto-birthday', 's=S001');
    await setBirthday(m, 'solar', 12, 3);
    // 23:59:59 on 1 December in Shanghai: the day before the day before. Nothing yet.
    t.clock.set('2026-12-01T15:59:59.000Z');
    await scan();
    expect(await occurrences(AutomationKind.BIRTHDAY, m.id)).toEqual([]);
    // Midnight: 2 December, the day before.
    t.clock.set('2026-12-01T16:00:00.000Z');
    await Promise.all([scan(), scan(), scan()]);
    await scan();
    const fired = await occurrences(AutomationKind.BIRTHDAY, m.id);
    expect(fired).toEqual([{ occurrence_key: 'birthday-2026-12-03', status: 'fired', coupon_id: expect.any(Number) as number, points: 0 }]);
    expect((await wallet(m)).map((c) => c.id)).toEqual([fired[0]!.coupon_id]);

    // On the day, a silver member gets the tier's 200 birthday points, once.
    await t.http.post('/api/v1/staff/purchases').set(bearer(await staffToken(t, 'demo-clerk'))).send({ cardNo: m.cardNo, amountCents: 200_000, orderNo: 'AUTO-BD-1' }).expect(201);
    t.clock.set('2026-12-03T02:00:00.000Z');
    await Promise.all([scan(), scan()]);
    await scan();
    const bonus: Array<{ delta: number; reason: string }> = await t.dataSource.query("SELECT delta, reason FROM points_ledger WHERE member_id = ? AND source_type = 'birthday'", [m.id]);
    expect(bonus).toEqual([{ delta: 200, reason: '生日礼遇（银卡会员）' }]);
  });

  it('sends the birthday message on the delivery path: a member who accepted the template gets it, naming the coupon; one who did not gets none', async () => {
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; code: string | null; wechatTemplateId: string }>;
    const birthday = templates.find((x) => x.code === 'birthday')!;
    expect((await configure(AutomationKind.BIRTHDAY, { templateId: 999999 }, 400)).body.error.message).toMatch(/templateId/);
    expect((await configure(AutomationKind.BIRTHDAY, { fieldValues: { thing2: '{giftCard}' } }, 400)).body.error.message).toMatch(/\{giftCard\}/);
    await configure(AutomationKind.BIRTHDAY, { enabled: true, couponTemplateId, templateId: birthday.id, timing: { days: 1 }, fieldValues: { name1: '{nickname}', thing2: '祝您生日快乐', thing3: '{coupon}', date4: '{expiry}' } });
    t.clock.set('2026-12-05T02:00:00.000Z');
    const subscribed = await joinMember(t, 'auto-bd-message', 's=S001');
    const silent = await joinMember(t, 'auto-bd-silent', 's=S001');
    await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: subscribed.openid, templateIds: [birthday.wechatTemplateId] }).expect(200);
    const remaining = async () => Number(((await t.dataSource.query('SELECT COALESCE(SUM(remaining), 0) AS n FROM subscription_grants WHERE member_id = ?', [subscribed.id])) as Array<{ n: number }>)[0]?.n);
    await until(async () => (await remaining()) === 1);
    for (const m of [subscribed, silent]) await setBirthday(m, 'solar', 12, 7);
    // 10:00 on 6 December in Shanghai, the day before, outside quiet hours.
    t.clock.set('2026-12-06T02:00:00.000Z');
    await Promise.all([scan(), scan()]);
    const outbox = async (m: JoinedMember) => ((await t.http.get('/sandbox/wechat/dev/outbox').query({ openid: m.openid }).expect(200)).body as { items: Array<{ templateId: string; data: Record<string, { value: string }> }> }).items;
    await until(async () => (await outbox(subscribed)).length > 0);
    const [sent] = await outbox(subscribed);
    expect(sent?.templateId).toBe(birthday.wechatTemplateId);
    const coupon = ((await t.http.get('/api/v1/coupons').set(bearer(subscribed.token)).expect(200)).body as { items: Array<{ title: string }> }).items[0];
    expect(sent?.data).toMatchObject({ thing2: { value: '祝您生日快乐' }, thing3: { value: coupon?.title } });
    expect(await remaining()).toBe(0);
    // The member who never accepted keeps the coupon and gets no message (in WeChat it would be a 43101).
    expect(await wallet(silent)).toHaveLength(1);
    await scan();
    await new Promise((r) => setTimeout(r, 300));
    expect(await outbox(silent)).toEqual([]);
    expect(await outbox(subscribed)).toHaveLength(1);
    t.clock.set(NOON);
    await configure(AutomationKind.BIRTHDAY, { templateId: null });
  });

  it('lunar birthdays: a leap-month birthday in the ordinary month, the 30th of a 29-day month on its last day', async () => {
    await configure(AutomationKind.BIRTHDAY, { enabled: true, couponTemplateId: null, timing: { days: 0 } });
    // Lunar 2025 has a leap 6th month: 6/10 is 4 July 2025. Lunar 2/30 of 2025 (a 29-day month) is 28 March 2025.
    t.clock.set('2025-03-01T04:00:00.000Z');
    const leap = await joinMember(t, 'auto-lunar-leap', 's=S001');
    const thirtieth = await joinMember(t, 'auto-lunar-30', 's=S001');
    await setBirthday(leap, 'lunar', 6, 10);
    await setBirthday(thirtieth, 'lunar', 2, 30);
    t.clock.set('2025-03-27T15:59:59.000Z');
    await scan();
    expect(await occurrences(AutomationKind.BIRTHDAY, thirtieth.id)).toEqual([]);
    t.clock.set('2025-03-27T16:00:00.000Z');
    await scan();
    expect((await occurrences(AutomationKind.BIRTHDAY, thirtieth.id)).map((o) => [o.occurrence_key, o.status])).toEqual([['birthday-2025-03-28', 'fired']]);
    t.clock.set('2025-07-04T01:00:00.000Z');
    await scan();
    expect((await occurrences(AutomationKind.BIRTHDAY, leap.id)).map((o) => [o.occurrence_key, o.status])).toEqual([['birthday-2025-07-04', 'fired']]);
  });

  it('a moment whose day passed before any run is recorded as expired and gives nothing', async () => {
    await configure(AutomationKind.BIRTHDAY, { enabled: true, couponTemplateId, timing: { days: 1 } });
    const m = await joinMember(t, 'auto-missed', 's=S001');
    await setBirthday(m, 'solar', 12, 2);
    // Due on 1 December; the first run is on the 2nd.
    t.clock.set('2026-12-02T01:00:00.000Z');
    await scan();
    expect(await occurrences(AutomationKind.BIRTHDAY, m.id)).toEqual([{ occurrence_key: 'birthday-2026-12-02', status: 'expired', coupon_id: null, points: 0 }]);
    expect(await wallet(m)).toEqual([]);
  });

  it('points and coupons expiring N days ahead: one reminder per member and last day', async () => {
    await configure(AutomationKind.POINTS_EXPIRING, { enabled: true, timing: { days: 7 } });
    await configure(AutomationKind.COUPON_EXPIRING, { enabled: true, timing: { days: 3 } });
    const m = await joinMember(t, 'auto-expiring', 's=S001');
    const lots: Array<{ expires_at: Date | string }> = await t.dataSource.query('SELECT expires_at FROM points_lots WHERE member_id = ?', [m.id]);
    await t.http.post('/api/v1/staff/coupons').set(bearer(hq)).send({ memberCardNo: m.cardNo, templateId: couponTemplateId, reason: '到期提醒测试' }).expect(201);
    expect(lots.length).toBeGreaterThan(0);
    const lastDayOf = (at: Date | string) => {
      const d = new Date(new Date(at instanceof Date ? at : `${at.replace(' ', 'T')}Z`).getTime() - 1);
      return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    };
    const lastDay = lastDayOf(lots[0]!.expires_at);
    const shanghaiMidnight = (day: string, plusDays: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);
    t.clock.set(new Date(shanghaiMidnight(lastDay, -8).getTime() + 23 * 3600_000));
    await scan();
    expect(await occurrences(AutomationKind.POINTS_EXPIRING, m.id)).toEqual([]);
    t.clock.set(shanghaiMidnight(lastDay, -7));
    await Promise.all([scan(), scan()]);
    expect((await occurrences(AutomationKind.POINTS_EXPIRING, m.id)).map((o) => [o.occurrence_key, o.status])).toEqual([[`points-${lastDay}`, 'fired']]);

    const rows: Array<{ expires_at: Date | string }> = await t.dataSource.query('SELECT expires_at FROM coupons WHERE member_id = ?', [m.id]);
    const couponDay = lastDayOf(rows[0]!.expires_at);
    t.clock.set(new Date(shanghaiMidnight(couponDay, -3).getTime() + 3600_000));
    await scan();
    await scan();
    expect((await occurrences(AutomationKind.COUPON_EXPIRING, m.id)).map((o) => [o.occurrence_key, o.status])).toEqual([[`coupons-${couponDay}`, 'fired']]);
  });

  it('events: welcome on joining, points changed after a purchase, tier up; each once', async () => {
    await configure(AutomationKind.WELCOME, { enabled: true, pointsAward: 50 });
    await configure(AutomationKind.POINTS_CHANGED, { enabled: true });
    await configure(AutomationKind.TIER_UP, { enabled: true });
    const m = await joinMember(t, 'auto-events', 's=S001');
    await until(async () => (await occurrences(AutomationKind.WELCOME, m.id)).length === 1);
    expect(await occurrences(AutomationKind.WELCOME, m.id)).toEqual([{ occurrence_key: 'join', status: 'fired', coupon_id: null, points: 50 }]);
    // The welcome gift and the automation's own award are not "points changed" news.
    const sale = await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 150_000, orderNo: 'AUTO-EV-1' }).expect(201);
    await until(async () => (await occurrences(AutomationKind.POINTS_CHANGED, m.id)).length === 1 && (await occurrences(AutomationKind.TIER_UP, m.id)).length === 1);
    const entry: Array<{ id: number }> = await t.dataSource.query("SELECT id FROM points_ledger WHERE member_id = ? AND source_type = 'purchase'", [m.id]);
    expect((await occurrences(AutomationKind.POINTS_CHANGED, m.id)).map((o) => o.occurrence_key)).toEqual([`entry-${entry[0]!.id}`]);
    expect((await occurrences(AutomationKind.TIER_UP, m.id))[0]!.occurrence_key).toMatch(/^tier-\d+-2026-12-01T04:00:00.000Z$/);
    expect(sale.body).toMatchObject({ points: expect.any(Number) as number });
  });
});
