import { AutomationKind, AutomationView } from '@huiyuan/shared-types';
import { AutomationScanJob } from '../../src/automations/automation-scan.job';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { TierEvaluationJob } from '../../src/members/tier-evaluation.job';
import { MemberStatsService } from '../../src/tags/member-stats.service';
import { bearer, JoinedMember, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const NOON = '2026-12-01T04:00:00.000Z';

interface Sent {
  templateId: string;
  data: Record<string, { value: string }>;
}

/** The triggers that fire at a business time or from an evaluation, each through the sandbox, and a second instance on the same database. */
describe('automations: check-in reminder, member day, tier down, win-back', () => {
  let t: TestApp;
  let hq: string;
  let couponTemplateId: number;
  let automations: Map<AutomationKind, AutomationView>;
  let templates: Map<string, { id: number; wechatTemplateId: string }>;
  beforeAll(async () => {
    t = await startTestApp({ now: NOON });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    type Template = { id: number; active: boolean; storeScope: string; minTierRank: number | null };
    const coupons = (await t.http.get('/api/v1/staff/coupon-templates').set(bearer(hq)).expect(200)).body as { items?: Template[] } | Template[];
    couponTemplateId = (Array.isArray(coupons) ? coupons : coupons.items!).find((x) => x.active && x.storeScope !== 'issuing' && x.minTierRank === null)!.id;
    const list = (await t.http.get('/api/v1/staff/automations').set(bearer(hq)).expect(200)).body as AutomationView[];
    automations = new Map(list.map((a) => [a.kind, a]));
    const registered = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; code: string | null; wechatTemplateId: string }>;
    templates = new Map(registered.filter((x) => x.code !== null).map((x) => [x.code!, x]));
  });
  afterAll(async () => {
    await t.close();
  });

  const scan = (app: TestApp = t) => app.get(AutomationScanJob).run();
  const hqNow = () => staffToken(t, 'demo-hq');
  const configure = async (kind: AutomationKind, body: object, status = 200) => t.http.patch(`/api/v1/staff/automations/${automations.get(kind)!.id}`).set(bearer(await hqNow())).send(body).expect(status);
  const occurrences = async (kind: AutomationKind, memberId: number) =>
    ((await t.dataSource.query('SELECT occurrence_key, status FROM automation_occurrences WHERE automation_id = ? AND member_id = ? ORDER BY id', [automations.get(kind)!.id, memberId])) as Array<{ occurrence_key: string; status: string }>).map((o) => [o.occurrence_key, o.status]);
  const outbox = async (m: JoinedMember) => ((await t.http.get('/sandbox/wechat/dev/outbox').query({ openid: m.openid }).expect(200)).body as { items: Sent[] }).items;
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const quota = async (m: JoinedMember, code: string) => Number(((await t.dataSource.query('SELECT COALESCE(SUM(remaining), 0) AS n FROM subscription_grants WHERE member_id = ? AND template_id = ?', [m.id, templates.get(code)!.id])) as Array<{ n: number }>)[0]?.n);
  /** The member taps 允许 once in wx.requestSubscribeMessage: WeChat's push credits one send. */
  const subscribe = async (m: JoinedMember, code: string) => {
    const before = await quota(m, code);
    await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: m.openid, templateIds: [templates.get(code)!.wechatTemplateId] }).expect(200);
    await until(async () => (await quota(m, code)) === before + 1, `${m.openid}'s accept of ${code}`);
  };
  const joinAll = async (openids: string[]) => {
    const joined: JoinedMember[] = [];
    for (const openid of openids) joined.push(await joinMember(t, openid, 's=S001'));
    return joined;
  };
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it('check-in reminder: at the set business time, to subscribers who have not checked in, once; a day no run reached is expired', async () => {
    const checkin = templates.get('checkin_reminder')!;
    expect((await configure(AutomationKind.CHECKIN_REMINDER, { pointsAward: 10 }, 400)).body.error.message).toMatch(/pointsAward/);
    expect((await configure(AutomationKind.CHECKIN_REMINDER, { couponTemplateId }, 400)).body.error.message).toMatch(/couponTemplateId/);
    expect((await configure(AutomationKind.CHECKIN_REMINDER, { timing: { days: 0, time: '24:00' } }, 400)).body.error.message).toMatch(/timing\.time/);
    expect((await configure(AutomationKind.BIRTHDAY, { timing: { days: 1, time: '08:00' } }, 400)).body.error.message).toMatch(/time of day/);
    const view = (await configure(AutomationKind.CHECKIN_REMINDER, {
      enabled: true,
      templateId: checkin.id,
      timing: { days: 0, time: '20:00' },
      fieldValues: { thing1: '每日签到', phrase2: '今日未签到', number3: '{streak}', thing4: '签到领积分，别断签哦' },
    })).body as AutomationView;
    expect(view).toMatchObject({ timing: { days: 0, time: '20:00' }, timeLabel: expect.any(String) as string, awards: false });

    const [forgetful, diligent, silent, late] = await joinAll(['cr-forgetful', 'cr-diligent', 'cr-silent', 'cr-late']);
    await subscribe(forgetful!, 'checkin_reminder');
    await subscribe(diligent!, 'checkin_reminder');
    await t.http.post('/api/v1/checkins').set(bearer(diligent!.token)).expect(201);

    // 19:59:59 in Shanghai: not yet.
    t.clock.set('2026-12-01T11:59:59.000Z');
    await scan();
    expect(await occurrences(AutomationKind.CHECKIN_REMINDER, forgetful!.id)).toEqual([]);
    // 20:00: the forgetful member, once however many runs; not the one who checked in, not the one who never subscribed.
    t.clock.set('2026-12-01T12:00:00.000Z');
    await Promise.all([scan(), scan(), scan()]);
    await scan();
    expect(await occurrences(AutomationKind.CHECKIN_REMINDER, forgetful!.id)).toEqual([['checkin-2026-12-01', 'fired']]);
    expect(await occurrences(AutomationKind.CHECKIN_REMINDER, diligent!.id)).toEqual([]);
    expect(await occurrences(AutomationKind.CHECKIN_REMINDER, silent!.id)).toEqual([]);
    await until(async () => (await outbox(forgetful!)).length === 1, 'the reminder in the sandbox outbox');
    expect((await outbox(forgetful!))[0]).toMatchObject({ templateId: checkin.wechatTemplateId, data: { phrase2: { value: '今日未签到' }, number3: { value: '0' } } });
    expect(await quota(forgetful!, 'checkin_reminder')).toBe(0);

    // Subscribed at 23:30, after the last run of the day: the next day's first run records the day as gone.
    t.clock.set('2026-12-01T15:30:00.000Z');
    await subscribe(late!, 'checkin_reminder');
    t.clock.set('2026-12-01T16:30:00.000Z');
    await Promise.all([scan(), scan()]);
    expect(await occurrences(AutomationKind.CHECKIN_REMINDER, late!.id)).toEqual([['checkin-2026-12-01', 'expired']]);
    await settle();
    expect(await outbox(late!)).toEqual([]);
    expect(await outbox(silent!)).toEqual([]);
    expect(await outbox(diligent!)).toEqual([]);
    await configure(AutomationKind.CHECKIN_REMINDER, { enabled: false });
    t.clock.set(NOON);
  });

  it('member day: announced the day before the earning rules\' member day from Shanghai midnight, once; a member day already here is expired', async () => {
    const activity = templates.get('member_activity')!;
    const current = (await t.http.get('/api/v1/staff/earning-rules').set(bearer(hq)).expect(200)).body as Record<string, unknown>;
    const rules = Object.fromEntries(['pointsPerYuan', 'welcomePoints', 'expiry', 'growthPerYuan', 'growthWindow'].map((k) => [k, current[k]]));
    // Thursdays, double points. 3 December 2026 is a Thursday.
    await t.http.put('/api/v1/staff/earning-rules').set(bearer(hq)).send({ ...rules, memberDay: { weekday: 4, multiplierPct: 200 } }).expect(200);
    expect((await configure(AutomationKind.MEMBER_DAY, { timing: { days: 7 } }, 400)).body.error.message).toMatch(/timing\.days/);
    expect((await configure(AutomationKind.MEMBER_DAY, { fieldValues: { thing2: '{memberDay}{giftCard}' } }, 400)).body.error.message).toMatch(/\{giftCard\}/);
    await configure(AutomationKind.MEMBER_DAY, {
      enabled: true,
      templateId: activity.id,
      timing: { days: 1 },
      fieldValues: { thing1: '会员日预告', thing2: '{memberDay}消费享{multiplier}积分', date3: '{memberDay}', thing4: '到店出示会员码即可' },
    });
    const [fan, other, tardy] = await joinAll(['md-fan', 'md-other', 'md-tardy']);
    await subscribe(fan!, 'member_activity');

    t.clock.set('2026-12-01T15:59:59.000Z');
    await scan();
    expect(await occurrences(AutomationKind.MEMBER_DAY, fan!.id)).toEqual([]);
    t.clock.set('2026-12-01T16:00:00.000Z');
    await Promise.all([scan(), scan(), scan()]);
    expect(await occurrences(AutomationKind.MEMBER_DAY, fan!.id)).toEqual([['member-day-2026-12-03', 'fired']]);
    expect(await occurrences(AutomationKind.MEMBER_DAY, other!.id)).toEqual([]);
    await until(async () => (await outbox(fan!)).length === 1, 'the announcement in the sandbox outbox');
    expect((await outbox(fan!))[0]).toMatchObject({ templateId: activity.wechatTemplateId, data: { thing2: { value: '2026年12月3日消费享2倍积分' }, date3: { value: '2026年12月3日' } } });

    // Subscribed on the 2nd, but no run came before the member day itself began.
    await subscribe(tardy!, 'member_activity');
    t.clock.set('2026-12-02T17:00:00.000Z');
    await scan();
    expect(await occurrences(AutomationKind.MEMBER_DAY, tardy!.id)).toEqual([['member-day-2026-12-03', 'expired']]);
    await settle();
    expect(await outbox(tardy!)).toEqual([]);
    expect(await outbox(other!)).toEqual([]);
    await t.http.put('/api/v1/staff/earning-rules').set(bearer(await hqNow())).send({ ...rules, memberDay: null }).expect(200);
    await configure(AutomationKind.MEMBER_DAY, { enabled: false });
    t.clock.set(NOON);
  });

  it('tier down at evaluation: the message says the tier fallen from and the growth it takes to return, through the sandbox', async () => {
    const care = templates.get('member_care')!;
    await configure(AutomationKind.TIER_DOWN, {
      enabled: true,
      templateId: care.id,
      fieldValues: { thing1: '您的等级已调整为{tier}', thing2: '再得{growthToReturn}成长值恢复{returnTier}', date3: '{date}' },
    });
    const m = await joinMember(t, 'td-member', 's=S001');
    await subscribe(m, 'member_care');
    await t.http.post('/api/v1/staff/purchases').set(bearer(await staffToken(t, 'demo-clerk'))).send({ cardNo: m.cardNo, amountCents: 600_000, orderNo: 'TD-1' }).expect(201);
    const tierOf = async () => String(((await t.dataSource.query('SELECT t.code FROM members mb JOIN tiers t ON t.id = mb.tier_id WHERE mb.id = ?', [m.id])) as Array<{ code: string }>)[0]!.code);
    expect(await tierOf()).toBe('GOLD');
    // A smaller sale late in the next year keeps some growth in the window, so what is missing is not the whole threshold.
    t.clock.set('2027-12-20T04:00:00.000Z');
    await t.http.post('/api/v1/staff/purchases').set(bearer(await staffToken(t, 'demo-clerk'))).send({ cardNo: m.cardNo, amountCents: 120_000, orderNo: 'TD-2' }).expect(201);
    t.clock.set('2028-01-02T04:00:00.000Z');
    await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
    expect(await tierOf()).toBe('SILVER');
    const growth = Number(((await t.dataSource.query('SELECT growth FROM members WHERE id = ?', [m.id])) as Array<{ growth: number }>)[0]!.growth);
    const gold = Number(((await t.dataSource.query("SELECT entry_growth FROM tiers WHERE code = 'GOLD'")) as Array<{ entry_growth: number }>)[0]!.entry_growth);
    expect(growth).toBeGreaterThan(0);
    expect(growth).toBeLessThan(gold);
    await until(async () => (await outbox(m)).length === 1, 'the tier-down message');
    expect((await outbox(m))[0]).toMatchObject({
      templateId: care.wechatTemplateId,
      data: { thing1: { value: '您的等级已调整为银卡会员' }, thing2: { value: `再得${gold - growth}成长值恢复金卡会员` }, date3: { value: '2028年1月2日' } },
    });
    // The evaluation run again the same day changes nothing and sends nothing more.
    await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
    await settle();
    expect((await occurrences(AutomationKind.TIER_DOWN, m.id)).map(([, status]) => status)).toEqual(['fired']);
    expect(await outbox(m)).toHaveLength(1);
    await configure(AutomationKind.TIER_DOWN, { enabled: false });
    t.clock.set(NOON);
  });

  it('dormant win-back: the 沉睡 tag brings the message with its coupon through the sandbox, once', async () => {
    const care = templates.get('member_care')!;
    await configure(AutomationKind.DORMANT_WIN_BACK, { enabled: true, couponTemplateId, templateId: care.id, fieldValues: { thing1: '好久不见，{nickname}', thing2: '{coupon}', date3: '{expiry}' } });
    t.clock.set('2028-03-01T04:00:00.000Z');
    const m = await joinMember(t, 'wb-member', 's=S001');
    await subscribe(m, 'member_care');
    await t.http.post('/api/v1/staff/purchases').set(bearer(await staffToken(t, 'demo-clerk'))).send({ cardNo: m.cardNo, amountCents: 8800, orderNo: 'WB-1' }).expect(201);
    const refresh = () => t.get(TransactionRunner).run((em) => t.get(MemberStatsService).refreshMembers(em, [m.id]));
    await refresh();
    // 95 days without a purchase: 沉睡 (the default is 90).
    t.clock.set('2028-06-04T04:00:00.000Z');
    await refresh();
    await until(async () => (await occurrences(AutomationKind.DORMANT_WIN_BACK, m.id)).length === 1, 'the win-back occurrence');
    expect(await occurrences(AutomationKind.DORMANT_WIN_BACK, m.id)).toEqual([['dormant-2028-06-04', 'fired']]);
    await until(async () => (await outbox(m)).length === 1, 'the win-back message');
    const wallet = ((await t.http.get('/api/v1/coupons').set(bearer(await visitorToken(t, m.openid))).expect(200)).body as { items: Array<{ title: string }> }).items;
    expect(wallet).toHaveLength(1);
    expect((await outbox(m))[0]!.data).toMatchObject({ thing2: { value: wallet[0]!.title } });
    // Still dormant the next day: the tag is not added again, so nothing more.
    t.clock.set('2028-06-05T04:00:00.000Z');
    await refresh();
    await settle();
    expect(await occurrences(AutomationKind.DORMANT_WIN_BACK, m.id)).toHaveLength(1);
    expect(await outbox(m)).toHaveLength(1);
    await configure(AutomationKind.DORMANT_WIN_BACK, { enabled: false, couponTemplateId: null });
    t.clock.set(NOON);
  });

  // Two processes on one SQLite file are not a deployment the embedded default supports: one instance owns it.
  (process.env.TEST_DATABASE_URL ? it : it.skip)('two app instances on one MySQL database: each birthday and each check-in reminder answered once, one coupon and one message each', async () => {
    const birthday = templates.get('birthday')!;
    // Both instances talk to one WeChat: the first one's sandbox.
    const second = await startTestApp({ now: NOON, database: t.database, env: { WECHAT_API_BASE: `${t.baseUrl}/sandbox/wechat` } });
    try {
      await configure(AutomationKind.BIRTHDAY, { enabled: true, couponTemplateId, templateId: birthday.id, timing: { days: 1 }, fieldValues: { name1: '{nickname}', thing2: '祝您生日快乐', thing3: '{coupon}', date4: '{expiry}' } });
      await configure(AutomationKind.CHECKIN_REMINDER, { enabled: true, templateId: templates.get('checkin_reminder')!.id, timing: { days: 0, time: '09:00' } });
      // 08:30 on 2 July in Shanghai, before the reminder time.
      t.clock.set('2028-07-02T00:30:00.000Z');
      const members = await joinAll(Array.from({ length: 6 }, (_, i) => `two-inst-${i}`));
      for (const m of members) {
        await t.http.patch('/api/v1/members/me/profile').set(bearer(m.token)).send({ birthday: { calendar: 'solar', month: 7, day: 3 } }).expect(200);
        await subscribe(m, 'birthday');
        await subscribe(m, 'checkin_reminder');
      }
      // 10:00 on 2 July in Shanghai: the day before the birthday, after the reminder time; both instances run both scans, twice.
      for (const clock of [t.clock, second.clock]) clock.set('2028-07-02T02:00:00.000Z');
      await Promise.all([scan(t), scan(second), scan(t), scan(second)]);
      for (const m of members) {
        expect(await occurrences(AutomationKind.BIRTHDAY, m.id)).toEqual([['birthday-2028-07-03', 'fired']]);
        expect(await occurrences(AutomationKind.CHECKIN_REMINDER, m.id)).toEqual([['checkin-2028-07-02', 'fired']]);
      }
      const ids = members.map((m) => m.id).join(',');
      const coupons: Array<{ member_id: number; n: number }> = await t.dataSource.query(`SELECT member_id, COUNT(*) AS n FROM coupons WHERE member_id IN (${ids}) GROUP BY member_id`);
      expect(coupons.map((c) => Number(c.n))).toEqual(members.map(() => 1));
      const received = (m: JoinedMember) => outbox(m);
      for (const m of members) await until(async () => (await received(m)).length === 2, `${m.openid}'s two messages`);
      await settle();
      for (const m of members) expect((await received(m)).map((x) => x.templateId).sort()).toEqual([birthday.wechatTemplateId, templates.get('checkin_reminder')!.wechatTemplateId].sort());
    } finally {
      await second.close();
      await configure(AutomationKind.BIRTHDAY, { enabled: false, templateId: null, couponTemplateId: null });
      await configure(AutomationKind.CHECKIN_REMINDER, { enabled: false });
      t.clock.set(NOON);
    }
  }, 180_000);
});
