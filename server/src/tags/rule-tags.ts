import type { BirthdayCalendar, TagRuleSettings } from '@huiyuan/shared-types';
import { daysBetween } from '../common/time/business-date';
import { birthdayInMonth } from './birthday-month';
import { businessDayAndHour, DAYPART_NAMES, DAYPARTS, MemberStatsValues } from './member-stats-rules';

export const DEFAULT_TAG_RULES: TagRuleSettings = {
  newMemberDays: 30,
  activeDays: 30,
  dormantDays: 90,
  lostDays: 180,
  couponUserDays: 90,
  declineRatioPct: 50,
  rfmHighScore: 3,
  daypartMinPurchases: 2,
};

export interface RuleTagDefinition {
  key: string;
  name: string;
  colour: string;
  description: string;
}

export const RFM_GROUPS = [
  { key: 'rfm.important_value', name: '重要价值', r: true, f: true, m: true },
  { key: 'rfm.important_develop', name: '重要发展', r: true, f: false, m: true },
  { key: 'rfm.important_keep', name: '重要保持', r: false, f: true, m: true },
  { key: 'rfm.important_retain', name: '重要挽留', r: false, f: false, m: true },
  { key: 'rfm.general_value', name: '一般价值', r: true, f: true, m: false },
  { key: 'rfm.general_develop', name: '一般发展', r: true, f: false, m: false },
  { key: 'rfm.general_keep', name: '一般保持', r: false, f: true, m: false },
  { key: 'rfm.general_retain', name: '一般挽留', r: false, f: false, m: false },
] as const;

/** The rule tags every programme has; 加入门店 tags (`join_store.<id>`) are made per store as members join there. */
export const RULE_TAGS: RuleTagDefinition[] = [
  { key: 'lifecycle.new', name: '新会员', colour: 'green', description: '入会不足 N 天' },
  { key: 'lifecycle.active', name: '活跃', colour: 'blue', description: 'N 天内有消费或签到' },
  { key: 'lifecycle.dormant', name: '沉睡', colour: 'orange', description: 'N 天未消费（未满流失天数）' },
  { key: 'lifecycle.lost', name: '流失', colour: 'red', description: 'N 天以上未消费' },
  ...RFM_GROUPS.map((g) => ({ key: g.key, name: g.name, colour: g.m ? 'gold' : 'default', description: 'RFM：近 12 个月最近消费、频次、金额的五分位' })),
  { key: 'birthday.this_month', name: '本月生日', colour: 'magenta', description: '按会员的公历或农历生日' },
  { key: 'coupon_user', name: '用券会员', colour: 'cyan', description: 'N 天内核销过券' },
  { key: 'spend_decline', name: '消费下滑', colour: 'volcano', description: '近 90 天消费不足前 90 天的一定比例' },
  ...DAYPARTS.map((p) => ({ key: `daypart.${p}`, name: `${DAYPART_NAMES[p]}消费`, colour: 'purple', description: '近 12 个月多数消费在这一时段' })),
];

export const joinStoreTagKey = (storeId: number) => `join_store.${storeId}`;

/**
 * The fixed rule tags a member carries, as bits of `members.rule_tags` (a copy of their member_tags
 * rows, written with them): a segment reading the member row tests a bit in the segment index instead
 * of joining member_tags for each of a million members. The position is stored, so keys are only appended.
 */
export const RULE_TAG_BIT_KEYS: readonly string[] = [
  'lifecycle.new',
  'lifecycle.active',
  'lifecycle.dormant',
  'lifecycle.lost',
  ...RFM_GROUPS.map((g) => g.key),
  'birthday.this_month',
  'coupon_user',
  'spend_decline',
  ...DAYPARTS.map((p) => `daypart.${p}`),
];

/** The bit of a rule tag in `members.rule_tags`, or 0 for a tag kept only in member_tags (加入门店). */
export function ruleTagBit(key: string): number {
  const at = RULE_TAG_BIT_KEYS.indexOf(key);
  return at < 0 ? 0 : 2 ** at;
}

export function ruleTagMask(keys: Iterable<string>): number {
  let mask = 0;
  for (const key of keys) mask |= ruleTagBit(key);
  return mask;
}

/**
 * Quintile cut points over members who bought in the last 12 months, each ascending (4 values):
 * a value at or above cuts[i] scores i + 2. Recency is in days since the last purchase (fewer is better).
 */
export interface RfmCuts {
  recencyDays: number[];
  frequency: number[];
  monetaryCents: number[];
}

export interface RuleTagFacts {
  joinedAt: Date;
  joinStoreId: number | null;
  birthday: { calendar: BirthdayCalendar; month: number; day: number } | null;
  stats: MemberStatsValues;
}

/** A quintile score 1–5 of a value against ascending cut points. */
export function quintileScore(value: number, cuts: number[]): number {
  let score = 1;
  for (const cut of cuts) if (value >= cut) score++;
  return score;
}

/** The keys of the rule tags a member should carry today (a business day). */
export function ruleTagKeys(facts: RuleTagFacts, rules: TagRuleSettings, cuts: RfmCuts | null, today: string, timeZone: string): string[] {
  const keys: string[] = [];
  const { stats } = facts;
  const daysSince = (at: Date) => daysBetween(businessDayAndHour(at, timeZone).day, today);
  const joinedDays = daysSince(facts.joinedAt);
  if (joinedDays < rules.newMemberDays) keys.push('lifecycle.new');
  const checkinDays = stats.lastCheckinDay === null ? Infinity : daysBetween(stats.lastCheckinDay, today);
  const purchaseDays = stats.lastPurchaseAt === null ? Infinity : daysSince(stats.lastPurchaseAt);
  if (purchaseDays < rules.activeDays || checkinDays < rules.activeDays) keys.push('lifecycle.active');
  // A member who never bought is measured from the day they joined.
  const quietDays = stats.lastPurchaseAt === null ? joinedDays : purchaseDays;
  if (quietDays >= rules.lostDays) keys.push('lifecycle.lost');
  else if (quietDays >= rules.dormantDays) keys.push('lifecycle.dormant');
  if (cuts && stats.purchases365d > 0 && stats.lastPurchaseAt) {
    // Recency: fewer days is better, so the score is mirrored.
    const r = 6 - quintileScore(purchaseDays, cuts.recencyDays);
    const f = quintileScore(stats.purchases365d, cuts.frequency);
    const m = quintileScore(stats.spend365dCents, cuts.monetaryCents);
    const high = rules.rfmHighScore;
    const group = RFM_GROUPS.find((g) => g.r === r >= high && g.f === f >= high && g.m === m >= high);
    if (group) keys.push(group.key);
  }
  if (facts.birthday && birthdayInMonth(facts.birthday.calendar, facts.birthday.month, facts.birthday.day, today.slice(0, 7))) keys.push('birthday.this_month');
  if (stats.lastCouponUsedAt && daysSince(stats.lastCouponUsedAt) < rules.couponUserDays) keys.push('coupon_user');
  if (stats.spendPrev90dCents > 0 && stats.spend90dCents * 100 < stats.spendPrev90dCents * rules.declineRatioPct) keys.push('spend_decline');
  if (stats.daypart && stats.purchases365d >= rules.daypartMinPurchases) keys.push(`daypart.${stats.daypart}`);
  if (facts.joinStoreId !== null) keys.push(joinStoreTagKey(facts.joinStoreId));
  return keys;
}

/** Quintile cut points of a sorted (ascending) list: the values at 20, 40, 60 and 80 %. */
export function quintileCuts(sorted: number[]): number[] {
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((q) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * q) / 5))] as number);
}
