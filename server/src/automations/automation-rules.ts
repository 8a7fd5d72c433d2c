import { AutomationKind } from '@huiyuan/shared-types';
import { addDays } from '../common/time/business-date';

export interface AutomationDefinition {
  name: string;
  description: string;
  /** What `days` means for this kind; null when it takes none. */
  timingLabel: string | null;
  defaultDays: number;
  /** Where the moment sits from its trigger day: +N after (follow-up), −N before (birthday, expiry), 0 on the day. */
  offsetSign: 1 | -1 | 0;
  /** The default placeholders, as HQ first sees them. */
  fieldValues: Record<string, string>;
  /** The largest N HQ may set (a member day recurs weekly: more than 6 days ahead is the one before). */
  maxDays?: number;
  /** For kinds that fire at a time of day: what it means, and its default (HH:MM, business zone). */
  timeLabel?: string;
  defaultTime?: string;
  /** Announcements to members who subscribed give nothing: WeChat forbids rewarding a subscription. */
  noAwards?: true;
  /** Placeholders only this kind fills, before the message joins the delivery path. */
  extraPlaceholders?: Record<string, string>;
}

export const AUTOMATIONS: Record<AutomationKind, AutomationDefinition> = {
  [AutomationKind.POINTS_CHANGED]: { name: '积分变动提醒', description: '消费、退款、兑换、签到、调整后通知会员积分变化', timingLabel: null, defaultDays: 0, offsetSign: 0, fieldValues: { thing1: '积分变动', number2: '{points}' } },
  [AutomationKind.WELCOME]: { name: '入会欢迎', description: '新会员入会后发送欢迎消息（含入会门店）', timingLabel: null, defaultDays: 0, offsetSign: 0, fieldValues: { thing1: '欢迎加入{store}', thing2: '{tier}' } },
  [AutomationKind.FIRST_PURCHASE_FOLLOW_UP]: { name: '首购回访', description: '首次消费 N 天后发送回访消息', timingLabel: '首次消费后第 N 天', defaultDays: 7, offsetSign: 1, fieldValues: { thing1: '感谢您的首次光临' } },
  [AutomationKind.BIRTHDAY]: { name: '生日祝福', description: '生日前 N 天（0 为当天）发送祝福，公历或农历按会员选择；等级生日积分于生日当天发放', timingLabel: '生日前 N 天', defaultDays: 1, offsetSign: -1, fieldValues: { thing1: '{nickname}，生日快乐', thing2: '{coupon}' } },
  [AutomationKind.POINTS_EXPIRING]: { name: '积分到期提醒', description: '积分到期前 N 天提醒', timingLabel: '到期前 N 天', defaultDays: 7, offsetSign: -1, fieldValues: { thing1: '您有积分即将到期', number2: '{points}' } },
  [AutomationKind.COUPON_EXPIRING]: { name: '优惠券到期提醒', description: '优惠券到期前 N 天提醒', timingLabel: '到期前 N 天', defaultDays: 3, offsetSign: -1, fieldValues: { thing1: '您有优惠券即将到期' } },
  [AutomationKind.DORMANT_WIN_BACK]: { name: '沉睡唤醒', description: '会员被标记为「沉睡」时发送唤醒消息，可附赠优惠券', timingLabel: null, defaultDays: 0, offsetSign: 0, fieldValues: { thing1: '好久不见，{nickname}', thing2: '{coupon}' } },
  [AutomationKind.TIER_UP]: { name: '升级祝贺', description: '会员等级提升时发送祝贺', timingLabel: null, defaultDays: 0, offsetSign: 0, fieldValues: { thing1: '恭喜升级为{tier}' } },
  [AutomationKind.TIER_DOWN]: {
    name: '降级提醒',
    description: '等级评定降级时提醒会员，并告知恢复原等级还需多少成长值',
    timingLabel: null,
    defaultDays: 0,
    offsetSign: 0,
    fieldValues: { thing1: '您的等级已调整为{tier}', thing2: '再得{growthToReturn}成长值可恢复{returnTier}' },
    extraPlaceholders: { returnTier: '降级前的等级名称', growthToReturn: '恢复降级前等级还需的成长值' },
  },
  [AutomationKind.CHECKIN_REMINDER]: {
    name: '签到提醒',
    description: '订阅了签到提醒、到设定时间仍未签到的会员，当天提醒一次',
    timingLabel: null,
    defaultDays: 0,
    offsetSign: 0,
    fieldValues: { thing1: '每日签到', phrase2: '今日未签到', number3: '{streak}', thing4: '签到领积分，别断签哦' },
    timeLabel: '每天此时仍未签到则提醒',
    defaultTime: '20:00',
    noAwards: true,
    extraPlaceholders: { streak: '截至昨天的连续签到天数' },
  },
  [AutomationKind.MEMBER_DAY]: {
    name: '会员日预告',
    description: '积分规则中的会员日前 N 天，向订阅了该消息的会员预告',
    timingLabel: '会员日前 N 天',
    defaultDays: 1,
    offsetSign: -1,
    fieldValues: { thing1: '会员日预告', thing2: '{memberDay}消费享{multiplier}积分', date3: '{memberDay}', thing4: '到店出示会员码即可' },
    maxDays: 6,
    noAwards: true,
    extraPlaceholders: { memberDay: '会员日日期（YYYY年M月D日）', multiplier: '会员日积分倍数，如 2倍' },
  },
};

/** Kinds the hourly scan finds; the others answer events. */
export const SCHEDULED_KINDS = [
  AutomationKind.FIRST_PURCHASE_FOLLOW_UP,
  AutomationKind.BIRTHDAY,
  AutomationKind.POINTS_EXPIRING,
  AutomationKind.COUPON_EXPIRING,
  AutomationKind.CHECKIN_REMINDER,
  AutomationKind.MEMBER_DAY,
] as const;

/** The day a moment is due: N days after or before its trigger day. */
export function momentDay(kind: AutomationKind, days: number, triggerDay: string): string {
  return addDays(triggerDay, AUTOMATIONS[kind].offsetSign * days);
}

/**
 * The trigger days a scan on `today` looks at: those whose moment is today (fire) or yesterday (a
 * missed run: recorded as expired, never sent late). Older moments were settled by earlier runs.
 */
export function triggerDaysToScan(kind: AutomationKind, days: number, today: string): { from: string; to: string } {
  const shift = -AUTOMATIONS[kind].offsetSign * days;
  return { from: addDays(today, shift - 1), to: addDays(today, shift) };
}

/** Fired when its moment is today; expired once that day has passed. */
export function occurrenceStatus(moment: string, today: string): 'fired' | 'expired' {
  return moment >= today ? 'fired' : 'expired';
}

/** An event's message is worth sending within a day of it; a queue that held it longer skips it as expired. */
export const EVENT_FRESH_MS = 24 * 3600_000;

/** The days in [from, to] that fall on an ISO weekday (1 = Monday … 7 = Sunday): the member days a scan announces. */
export function weekdaysIn(from: string, to: string, weekday: number): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 === weekday) days.push(day);
  }
  return days;
}

/** Minutes after local midnight of an HH:MM time; null when it is not one. */
export function minutesOfDay(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** A member-day multiplier as the message says it: 200 → 2倍, 150 → 1.5倍. */
export function multiplierText(multiplierPct: number): string {
  return `${Number((multiplierPct / 100).toFixed(2))}倍`;
}

/** Growth still needed to be back in the tier a member fell from (reaching its entry growth upgrades at once). */
export function growthToReturn(returnTierEntryGrowth: number, growth: number): number {
  return Math.max(0, returnTierEntryGrowth - growth);
}

/** Replaces the kind's own placeholders; the rest are rendered per member on the delivery path. */
export function fillOwnPlaceholders(values: Record<string, string>, own: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, text]) => [key, text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => own[name] ?? whole)]));
}
