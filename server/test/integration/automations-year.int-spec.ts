import { AutomationKind, AutomationView, BirthdayCalendar } from '@huiyuan/shared-types';
import { AutomationScanJob } from '../../src/automations/automation-scan.job';
import { InProcessJobQueue } from '../../src/common/queue/in-process-job-queue';
import { JobQueue } from '../../src/common/queue/job-queue';
import { TierEvaluationJob } from '../../src/members/tier-evaluation.job';
import { birthdayOccurrence } from '../../src/common/time/birthday';
import { RuleTagRefreshJob } from '../../src/tags/rule-tag-refresh.job';
import { bearer, JoinedMember, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * A simulated year with every automation on: a seeded membership joins, buys, checks in, accepts
 * subscribe messages, receives coupons and goes quiet over 2027–2028, the clock advances day by day
 * and the product's own jobs run each evening (tier evaluation, the automation scan, the nightly
 * rule-tag refresh). Then each automation's occurrences, delivery rows and awards are compared with
 * what a direct calculation over the seed says: the model below never asks the engine.
 * 2028 has a solar 29 February and a lunar leap 5th month.
 */

const FIRST = '2028-01-01';
const LAST = '2028-12-31';
const WELCOME_AWARD = 20;
const COUPON_DAYS = { cash: 30, gift: 7 };
const EXPIRY_MONTHS = 2;
const MEMBER_DAY_WEEKDAY = 3; // Wednesday
const N = { followUp: 7, birthday: 2, pointsExpiring: 7, couponExpiring: 3, memberDay: 1 };
const DORMANT_DAYS = 90;
const LOST_DAYS = 180;

type Calendar = (typeof BirthdayCalendar)[keyof typeof BirthdayCalendar];
interface Plan {
  openid: string;
  joinDay: string;
  birthday: [Calendar, number, number] | null;
  purchases: Array<{ day: string; yuan: number }>;
  checkins: Set<string>;
  acceptsCheckin: string[];
  acceptsMemberDay: string[];
  staffCoupons: string[];
}
interface TierRow {
  id: number;
  rank: number;
  entryGrowth: number;
  retainGrowth: number;
  birthdayPoints: number;
}

// Pure calendar arithmetic of the test's own.
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
/** The last day a lot earned on `day` can be used: EXPIRY_MONTHS later (clamped to the month's end), less a day. */
function lotLastDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + EXPIRY_MONTHS, 1));
  const monthEnd = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return addDays(`${target.toISOString().slice(0, 8)}${String(Math.min(d, monthEnd)).padStart(2, '0')}`, -1);
}
/** The first day of the rolling 12-month growth window on `day`. */
const windowStart = (day: string) => `${Number(day.slice(0, 4)) - 1}-${day.slice(5) === '02-29' ? '02-28' : day.slice(5)}`;

/** A small deterministic generator: the seed is the same on every run and both databases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function seedPlans(): Plan[] {
  const rnd = random(16);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const plans: Plan[] = [];
  const birthdays: Array<[Calendar, number, number]> = [
    ['solar', 1, 1], ['solar', 1, 2], ['solar', 2, 29], ['solar', 6, 15], ['solar', 12, 31], ['solar', 3, 1],
    ['lunar', 1, 1], ['lunar', 2, 30], ['lunar', 5, 10], ['lunar', 8, 15], ['lunar', 12, 29], ['lunar', 12, 30],
  ];
  const visits = (plan: Plan, from: string, to: string) => {
    const gap = int(12, 45);
    for (let day = addDays(from, int(0, 15)); day <= to && day <= LAST; day = addDays(day, gap + int(-5, 5))) plan.purchases.push({ day, yuan: int(20, 150) });
  };
  // Twelve members from autumn 2027, before the automations are on: their birthdays, and tiers bought then that the rolling window takes away in 2028.
  for (let i = 0; i < 12; i++) {
    const joinDay = addDays('2027-09-01', i * 7);
    const plan: Plan = { openid: `year-pre-${i}`, joinDay, birthday: birthdays[i]!, purchases: [], checkins: new Set(), acceptsCheckin: [], acceptsMemberDay: [], staffCoupons: [] };
    if (i % 2 === 0) plan.purchases.push({ day: joinDay, yuan: 2000 });
    if (i % 4 === 0) plan.purchases.push({ day: addDays(joinDay, 20), yuan: 4000 });
    // Some keep coming, some stop (dormant, then lost), some come back.
    if (i % 3 !== 1) visits(plan, addDays(joinDay, 25), i % 3 === 0 ? '2028-03-31' : LAST);
    if (i % 3 === 0) visits(plan, '2028-09-01', LAST);
    plan.purchases.sort((a, b) => a.day.localeCompare(b.day));
    plans.push(plan);
  }
  // Twenty-four members join through 2028.
  for (let k = 0; k < 24; k++) {
    const joinDay = addDays(FIRST, 3 + k * 14);
    const plan: Plan = { openid: `year-${k}`, joinDay, birthday: null, purchases: [], checkins: new Set(), acceptsCheckin: [], acceptsMemberDay: [], staffCoupons: [] };
    if (k % 3 !== 2) visits(plan, joinDay, k % 3 === 0 ? addDays(joinDay, 70) : LAST);
    if (k % 3 === 0) visits(plan, addDays(joinDay, 200), LAST);
    if (k % 4 === 3) plan.purchases.push({ day: addDays(joinDay, int(1, 60)), yuan: k % 8 === 7 ? 5100 : 1100 });
    plan.purchases = plan.purchases.filter((p) => p.day <= LAST).sort((a, b) => a.day.localeCompare(b.day));
    if (k % 6 === 0) for (let day = joinDay; day <= LAST; day = addDays(day, 1)) if (rnd() < 0.35) plan.checkins.add(day);
    if (k % 4 === 1) plan.acceptsCheckin.push(addDays(joinDay, 10), addDays(joinDay, 40));
    if (k % 12 === 0) plan.acceptsCheckin.push(addDays(joinDay, 15));
    if (k % 4 === 2) plan.acceptsMemberDay.push(addDays(joinDay, 5), addDays(joinDay, 6), addDays(joinDay, int(20, 60)));
    if (k % 5 === 3) plan.staffCoupons.push(addDays(joinDay, 30), addDays(joinDay, 100));
    for (const list of [plan.acceptsCheckin, plan.acceptsMemberDay, plan.staffCoupons]) list.splice(0, list.length, ...list.filter((d) => d <= LAST));
    plans.push(plan);
  }
  return plans;
}

interface Expected {
  /** Per automation: "member:key" → status, for the kinds whose keys the seed decides. */
  keyed: Map<AutomationKind, Map<string, 'fired' | 'expired'>>;
  /** Per automation: member → number of occurrences, for the kinds keyed by ledger entry or instant. */
  counted: Map<AutomationKind, Map<number, number>>;
  /** member:day:points of the tier's birthday points. */
  birthdayPoints: string[];
  /** Per automation: member → coupons it gave. */
  coupons: Map<AutomationKind, Map<number, number>>;
}

/** The direct calculation: each member's year, day by day, from the seed and the programme's settings alone. */
function expectedYear(plans: Plan[], ids: number[], tiers: TierRow[]): Expected {
  const keyed = new Map<AutomationKind, Map<string, 'fired' | 'expired'>>(Object.values(AutomationKind).map((k) => [k, new Map()]));
  const counted = new Map<AutomationKind, Map<number, number>>(Object.values(AutomationKind).map((k) => [k, new Map()]));
  const couponsGiven = new Map<AutomationKind, Map<number, number>>(Object.values(AutomationKind).map((k) => [k, new Map()]));
  const birthdayPoints: string[] = [];
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  const tierFor = (growth: number) => [...sorted].reverse().find((t) => growth >= t.entryGrowth)!;
  // Scheduled moments: the first run of 2028 also settles 31 December 2027's, which no run reached.
  const moment = (kind: AutomationKind, id: number, key: string, day: string) => {
    if (day >= addDays(FIRST, -1) && day <= LAST) keyed.get(kind)!.set(`${id}:${key}`, day < FIRST ? 'expired' : 'fired');
    return day >= FIRST && day <= LAST;
  };
  const count = (kind: AutomationKind, id: number) => counted.get(kind)!.set(id, (counted.get(kind)!.get(id) ?? 0) + 1);
  const gave = (kind: AutomationKind, id: number) => couponsGiven.get(kind)!.set(id, (couponsGiven.get(kind)!.get(id) ?? 0) + 1);

  plans.forEach((plan, index) => {
    const id = ids[index]!;
    const lots: string[] = [plan.joinDay];
    const coupons: Array<{ day: string; days: number }> = plan.staffCoupons.map((day) => ({ day, days: COUPON_DAYS.cash }));
    if (plan.joinDay >= FIRST) {
      keyed.get(AutomationKind.WELCOME)!.set(`${id}:join`, 'fired');
      lots.push(plan.joinDay);
    }
    const first = plan.purchases[0];
    if (first) moment(AutomationKind.FIRST_PURCHASE_FOLLOW_UP, id, 'first-purchase', addDays(first.day, N.followUp));
    const birthdays = plan.birthday ? [2027, 2028, 2029].map((y) => birthdayOccurrence(plan.birthday![0], plan.birthday![1], plan.birthday![2], y)) : [];
    for (const b of new Set(birthdays)) {
      if (moment(AutomationKind.BIRTHDAY, id, `birthday-${b}`, addDays(b, -N.birthday))) coupons.push({ day: addDays(b, -N.birthday), days: COUPON_DAYS.gift });
    }

    let tier = sorted[0]!;
    let growth = 0;
    let dormant = false;
    let remainingCheckin = 0;
    let remainingMemberDay = 0;
    const announced = new Set<string>();
    const purchasesOn = (day: string) => plan.purchases.filter((p) => p.day === day);
    for (let day = plan.joinDay; day <= LAST; day = addDays(day, 1)) {
      const inYear = day >= FIRST;
      // 10:00: the day's accepts, purchases and check-ins.
      remainingCheckin += plan.acceptsCheckin.filter((d) => d === day).length;
      remainingMemberDay += plan.acceptsMemberDay.filter((d) => d === day).length;
      for (const p of purchasesOn(day)) {
        growth += p.yuan;
        lots.push(day);
        if (inYear) count(AutomationKind.POINTS_CHANGED, id);
        const earned = tierFor(growth);
        if (earned.rank > tier.rank) {
          if (inYear) count(AutomationKind.TIER_UP, id);
          tier = earned;
        }
      }
      if (plan.checkins.has(day)) {
        lots.push(day);
        if (inYear) count(AutomationKind.POINTS_CHANGED, id);
      }
      // 20:30: the tier evaluation, the automation scan (the tier's birthday points whether or not an
      // automation is on), the nightly refresh; every evening from 31 December 2027, the automations on from 2028.
      if (day < addDays(FIRST, -1)) continue;
      growth = plan.purchases.filter((p) => p.day >= windowStart(day) && p.day <= day).reduce((sum, p) => sum + p.yuan, 0);
      const earned = tierFor(growth);
      const target = earned.rank >= tier.rank ? earned : growth >= tier.retainGrowth ? tier : sorted[sorted.indexOf(tier) - 1]!;
      if (target !== tier && inYear) count(target.rank > tier.rank ? AutomationKind.TIER_UP : AutomationKind.TIER_DOWN, id);
      tier = target;
      if (birthdays.includes(day) && tier.birthdayPoints > 0) {
        birthdayPoints.push(`${id}:${day}:${tier.birthdayPoints}`);
        lots.push(day);
      }
      if (inYear) {
        if (remainingCheckin > 0 && !plan.checkins.has(day)) {
          keyed.get(AutomationKind.CHECKIN_REMINDER)!.set(`${id}:checkin-${day}`, 'fired');
          remainingCheckin--;
        }
        const memberDay = addDays(day, N.memberDay);
        if (isoWeekday(memberDay) === MEMBER_DAY_WEEKDAY && remainingMemberDay > 0) {
          keyed.get(AutomationKind.MEMBER_DAY)!.set(`${id}:member-day-${memberDay}`, 'fired');
          announced.add(memberDay);
          remainingMemberDay--;
        }
        // On the member day itself, an accept given since yesterday's run finds the announcement gone.
        if (isoWeekday(day) === MEMBER_DAY_WEEKDAY && remainingMemberDay > 0 && !announced.has(day)) keyed.get(AutomationKind.MEMBER_DAY)!.set(`${id}:member-day-${day}`, 'expired');
      }
      {
        const last = plan.purchases.filter((p) => p.day <= day).at(-1)?.day ?? plan.joinDay;
        const quiet = daysBetween(last, day);
        const now = quiet >= DORMANT_DAYS && quiet < LOST_DAYS;
        if (now && !dormant && inYear) {
          keyed.get(AutomationKind.DORMANT_WIN_BACK)!.set(`${id}:dormant-${day}`, 'fired');
          gave(AutomationKind.DORMANT_WIN_BACK, id);
          coupons.push({ day, days: COUPON_DAYS.cash });
        }
        dormant = now;
      }
    }
    for (const [key, status] of keyed.get(AutomationKind.BIRTHDAY)!) if (key.startsWith(`${id}:`) && status === 'fired') gave(AutomationKind.BIRTHDAY, id);
    // Reminders: N days before the last day, one per member and last day.
    for (const lot of lots) moment(AutomationKind.POINTS_EXPIRING, id, `points-${lotLastDay(lot)}`, addDays(lotLastDay(lot), -N.pointsExpiring));
    for (const c of coupons) {
      const lastDay = addDays(c.day, c.days - 1);
      moment(AutomationKind.COUPON_EXPIRING, id, `coupons-${lastDay}`, addDays(lastDay, -N.couponExpiring));
    }
  });
  return { keyed, counted, birthdayPoints, coupons: couponsGiven };
}

describe('automations: a simulated year', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-08-31T02:00:00.000Z' });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('every automation on, day by day over a seeded membership: occurrences, deliveries and awards as a direct calculation says', async () => {
    const started = Date.now();
    const hq = () => staffToken(t, 'demo-hq');
    const query = async <T>(sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params)) as T[];
    const list = (await t.http.get('/api/v1/staff/automations').set(bearer(await hq())).expect(200)).body as AutomationView[];
    const automations = new Map(list.map((a) => [a.kind, a]));
    type Template = { id: number; code: string | null; wechatTemplateId: string; fields: Array<{ key: string; type: string }> };
    const templates = new Map(((await t.http.get('/api/v1/staff/message-templates').set(bearer(await hq())).expect(200)).body as Template[]).filter((x) => x.code).map((x) => [x.code!, x]));
    type CouponTemplate = { id: number; title: string };
    const couponBody = (await t.http.get('/api/v1/staff/coupon-templates').set(bearer(await hq())).expect(200)).body as { items?: CouponTemplate[] } | CouponTemplate[];
    const couponTemplates = Array.isArray(couponBody) ? couponBody : couponBody.items!;
    const cash = couponTemplates.find((c) => c.title === '满50减10元券')!;
    const gift = couponTemplates.find((c) => c.title === '中杯饮品券')!;
    const tiers = (await query<Record<string, number>>('SELECT id, `rank`, entry_growth, retain_growth, birthday_bonus_points FROM tiers')).map((r) => ({
      id: Number(r.id),
      rank: Number(r.rank),
      entryGrowth: Number(r.entry_growth),
      retainGrowth: Number(r.retain_growth),
      birthdayPoints: Number(r.birthday_bonus_points),
    }));

    // Lots last two months, so their reminders fall inside the year; Wednesdays are member days.
    const current = (await t.http.get('/api/v1/staff/earning-rules').set(bearer(await hq())).expect(200)).body as Record<string, unknown>;
    const rules = Object.fromEntries(['pointsPerYuan', 'welcomePoints', 'growthPerYuan', 'growthWindow'].map((k) => [k, current[k]]));
    await t.http.put('/api/v1/staff/earning-rules').set(bearer(await hq())).send({ ...rules, expiry: { kind: 'months_after_earning', months: EXPIRY_MONTHS }, memberDay: { weekday: MEMBER_DAY_WEEKDAY, multiplierPct: 200 } }).expect(200);

    const plans = seedPlans();
    const members: JoinedMember[] = [];
    const tokens = new Map<number, { token: string; day: string }>();
    const memberToken = async (index: number, day: string) => {
      const cached = tokens.get(index);
      if (cached && daysBetween(cached.day, day) < 5) return cached.token;
      const token = await visitorToken(t, plans[index]!.openid);
      tokens.set(index, { token, day });
      return token;
    };
    const quota = async (memberId: number, code: string) => Number((await query<{ n: number }>('SELECT COALESCE(SUM(remaining), 0) AS n FROM subscription_grants WHERE member_id = ? AND template_id = ?', [memberId, templates.get(code)!.id]))[0]?.n);
    const queue = t.get(JobQueue);
    if (!(queue instanceof InProcessJobQueue)) throw new Error('the simulated year settles on the in-process queue (run it without TEST_REDIS_URL)');
    /** Until the outbox is relayed, its jobs have run and no delivery waits: what the day's work set off has happened. */
    const settle = async () => {
      for (let i = 0; i < 400; i++) {
        const [events] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox_events');
        const [queued] = await query<{ n: number }>("SELECT COUNT(*) AS n FROM campaign_deliveries WHERE status = 'queued'");
        if (Number(events!.n) === 0 && Number(queued!.n) === 0 && queue.idle) return;
        await new Promise((r) => setTimeout(r, 15));
      }
      throw new Error(`events or deliveries still waiting at ${t.clock.now().toISOString()}`);
    };

    const morning = async (day: string) => {
      t.clock.set(at(day, '10:00'));
      let clerk: string | null = null;
      const clerkToken = async () => (clerk ??= await staffToken(t, 'demo-clerk'));
      for (const [index, plan] of plans.entries()) {
        if (plan.joinDay === day) {
          const m = await joinMember(t, plan.openid, 's=S001');
          members[index] = m;
          tokens.set(index, { token: m.token, day });
          if (plan.birthday) await t.http.patch('/api/v1/members/me/profile').set(bearer(m.token)).send({ birthday: { calendar: plan.birthday[0], month: plan.birthday[1], day: plan.birthday[2] } }).expect(200);
        }
        const m = members[index];
        if (!m) continue;
        for (const [code, days] of [['checkin_reminder', plan.acceptsCheckin], ['member_activity', plan.acceptsMemberDay]] as const) {
          for (const _ of days.filter((d) => d === day)) {
            const before = await quota(m.id, code);
            await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: m.openid, templateIds: [templates.get(code)!.wechatTemplateId] }).expect(200);
            for (let i = 0; i < 200 && (await quota(m.id, code)) === before; i++) await new Promise((r) => setTimeout(r, 10));
          }
        }
        for (const [n, p] of plan.purchases.filter((x) => x.day === day).entries()) {
          await t.http.post('/api/v1/staff/purchases').set(bearer(await clerkToken())).send({ cardNo: m.cardNo, amountCents: p.yuan * 100, orderNo: `YEAR-${index}-${day}-${n}` }).expect(201);
        }
        if (plan.checkins.has(day)) await t.http.post('/api/v1/checkins').set(bearer(await memberToken(index, day))).expect(201);
        if (plan.staffCoupons.includes(day)) await t.http.post('/api/v1/staff/coupons').set(bearer(await hq())).send({ memberCardNo: m.cardNo, templateId: cash.id, reason: '模拟年度' }).expect(201);
      }
      await settle();
    };
    const evening = async (day: string) => {
      t.clock.set(at(day, '20:30'));
      await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
      await settle();
      await t.get(AutomationScanJob).run();
      await settle();
      await t.get(RuleTagRefreshJob).run();
      await settle();
    };

    // Autumn 2027, every automation off: only what the members did.
    for (let day = '2027-09-01'; day < FIRST; day = addDays(day, 1)) {
      if (plans.some((p) => p.joinDay === day || p.purchases.some((x) => x.day === day))) await morning(day);
    }
    await evening(addDays(FIRST, -1)); // The jobs' first run is the refresh on the eve of the year; the scan finds every automation off.
    expect(await query('SELECT id FROM automation_occurrences')).toEqual([]);

    // 23:00 on 31 December 2027: HQ switches every automation on, each with its template.
    t.clock.set(at(addDays(FIRST, -1), '23:00'));
    const valueFor = (type: string) => ({ number: '1', date: '{date}', name: '{nickname}', phrase: '通知', time: '{date}' })[type] ?? '会员通知';
    const setup: Array<[AutomationKind, string, object]> = [
      [AutomationKind.POINTS_CHANGED, 'points_changed', {}],
      [AutomationKind.WELCOME, 'welcome', { pointsAward: WELCOME_AWARD }],
      [AutomationKind.FIRST_PURCHASE_FOLLOW_UP, 'member_care', { timing: { days: N.followUp } }],
      [AutomationKind.BIRTHDAY, 'birthday', { timing: { days: N.birthday }, couponTemplateId: gift.id }],
      [AutomationKind.POINTS_EXPIRING, 'points_expiring', { timing: { days: N.pointsExpiring } }],
      [AutomationKind.COUPON_EXPIRING, 'coupon_expiry', { timing: { days: N.couponExpiring } }],
      [AutomationKind.DORMANT_WIN_BACK, 'member_care', { couponTemplateId: cash.id }],
      [AutomationKind.TIER_UP, 'tier_upgrade', {}],
      [AutomationKind.TIER_DOWN, 'member_care', {}],
      [AutomationKind.CHECKIN_REMINDER, 'checkin_reminder', { timing: { days: 0, time: '20:00' }, fieldValues: { thing1: '每日签到', phrase2: '今日未签到', number3: '{streak}', thing4: '签到领积分，别断签哦' } }],
      [AutomationKind.MEMBER_DAY, 'member_activity', { timing: { days: N.memberDay }, fieldValues: { thing1: '会员日预告', thing2: '{memberDay}消费享{multiplier}积分', date3: '{memberDay}', thing4: '到店出示会员码即可' } }],
    ];
    expect(setup.map(([kind]) => kind).sort()).toEqual(Object.values(AutomationKind).sort());
    for (const [kind, code, body] of setup) {
      const template = templates.get(code)!;
      const fieldValues = Object.fromEntries(template.fields.map((f) => [f.key, valueFor(f.type)]));
      await t.http.patch(`/api/v1/staff/automations/${automations.get(kind)!.id}`).set(bearer(await hq())).send({ enabled: true, templateId: template.id, fieldValues, ...body }).expect(200);
    }

    for (let day = FIRST; day <= LAST; day = addDays(day, 1)) {
      await morning(day);
      await evening(day);
    }

    const ids = members.map((m) => m.id);
    expect(ids).toHaveLength(plans.length);
    const expected = expectedYear(plans, ids, tiers);
    const kindOf = new Map([...automations.values()].map((a) => [a.id, a.kind]));
    const rows = await query<{ automation_id: number; member_id: number; occurrence_key: string; status: string; coupon_id: number | null; points: number }>('SELECT automation_id, member_id, occurrence_key, status, coupon_id, points FROM automation_occurrences');
    const deliveries = await query<{ automation_id: number; member_id: number; occurrence_key: string; status: string }>('SELECT automation_id, member_id, occurrence_key, status FROM campaign_deliveries WHERE automation_id IS NOT NULL');
    const of = <R extends { automation_id: number }>(list: R[], kind: AutomationKind) => list.filter((r) => kindOf.get(Number(r.automation_id)) === kind);
    const tally = (list: Array<{ member_id: number }>) => {
      const counts = new Map<number, number>();
      for (const r of list) counts.set(Number(r.member_id), (counts.get(Number(r.member_id)) ?? 0) + 1);
      return Object.fromEntries([...counts].sort(([a], [b]) => a - b));
    };
    const sortedMap = (m: Map<number, number>) => Object.fromEntries([...m].sort(([a], [b]) => a - b));
    const summary: Record<string, string> = {};
    const actual: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    const compare = (name: string, got: unknown, want: unknown) => {
      actual[name] = got;
      wanted[name] = want;
    };
    for (const kind of Object.values(AutomationKind)) {
      const occurrences = of(rows, kind);
      const fired = occurrences.filter((r) => r.status === 'fired');
      const sent = of(deliveries, kind);
      const keyed = expected.keyed.get(kind)!;
      if (keyed.size > 0 || expected.counted.get(kind)!.size === 0) {
        // Each occurrence, by member and key, with its status; and a delivery row for each one that fired.
        compare(`${kind} occurrences`, Object.fromEntries(occurrences.map((r) => [`${r.member_id}:${r.occurrence_key}`, r.status]).sort()), Object.fromEntries([...keyed].sort()));
        compare(`${kind} deliveries`, sent.map((r) => `${r.member_id}:${r.occurrence_key}`).sort(), [...keyed].filter(([, s]) => s === 'fired').map(([k]) => k).sort());
      } else {
        compare(`${kind} occurrences per member`, { fired: tally(fired), expired: occurrences.length - fired.length }, { fired: sortedMap(expected.counted.get(kind)!), expired: 0 });
        compare(`${kind} deliveries per member`, tally(sent), sortedMap(expected.counted.get(kind)!));
      }
      // Awards: the coupons each automation gave, and points (the welcome's only).
      compare(`${kind} coupons per member`, tally(fired.filter((r) => r.coupon_id !== null)), sortedMap(expected.coupons.get(kind)!));
      compare(`${kind} occurrences with points`, fired.filter((r) => Number(r.points) > 0).length, kind === AutomationKind.WELCOME ? expected.keyed.get(kind)!.size : 0);
      // Every kind had something to do in the year.
      compare(`${kind} fired at all`, fired.length > 0, true);
      summary[kind] = `${fired.length} fired, ${occurrences.length - fired.length} expired, ${sent.length} deliveries`;
    }
    // Messages only subscribers receive were all sent, each spending one accept.
    for (const kind of [AutomationKind.CHECKIN_REMINDER, AutomationKind.MEMBER_DAY]) compare(`${kind} delivery statuses`, [...new Set(of(deliveries, kind).map((r) => r.status))], ['sent']);
    const ledger = await query<{ member_id: number; source_type: string; source_id: string; delta: number }>("SELECT member_id, source_type, source_id, delta FROM points_ledger WHERE source_type IN ('automation', 'birthday')");
    compare('welcome points in the ledger', ledger.filter((l) => l.source_type === 'automation').map((l) => `${l.member_id}:${l.delta}`).sort(), [...expected.keyed.get(AutomationKind.WELCOME)!.keys()].map((k) => `${k.split(':')[0]}:${WELCOME_AWARD}`).sort());
    compare('birthday points in the ledger', ledger.filter((l) => l.source_type === 'birthday').map((l) => `${l.member_id}:${l.source_id}:${l.delta}`).sort(), expected.birthdayPoints.sort());
    const coupons = await query<{ template_id: number; n: number }>("SELECT template_id, COUNT(*) AS n FROM coupons WHERE source = 'automation' GROUP BY template_id");
    compare('automation coupons by template', Object.fromEntries(coupons.map((c) => [Number(c.template_id), Number(c.n)])), {
      [gift.id]: [...expected.coupons.get(AutomationKind.BIRTHDAY)!.values()].reduce((a, b) => a + b, 0),
      [cash.id]: [...expected.coupons.get(AutomationKind.DORMANT_WIN_BACK)!.values()].reduce((a, b) => a + b, 0),
    });
    expect(actual).toEqual(wanted);
    console.log(`simulated year: ${plans.length} members, ${Math.round((Date.now() - started) / 1000)} s\n${Object.entries(summary).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  }, 1_200_000);
});
