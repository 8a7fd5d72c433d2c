import { CareTaskKind, CareTaskRule, CareTaskRules } from '@huiyuan/shared-types';
import { addDays } from '../common/time/business-date';

export const CARE_TASK_RULES_KEY = 'care_tasks.rules';

/** The chains' usual practice: call a new member within a week, follow up a week after the first purchase… */
export const DEFAULT_CARE_TASK_RULES: CareTaskRules = {
  [CareTaskKind.NEW_MEMBER]: { enabled: true, offsetDays: 0, windowDays: 7 },
  [CareTaskKind.FIRST_PURCHASE]: { enabled: true, offsetDays: 7, windowDays: 7 },
  [CareTaskKind.BIRTHDAY]: { enabled: true, offsetDays: 3, windowDays: 4 },
  [CareTaskKind.DORMANT]: { enabled: true, offsetDays: 0, windowDays: 14 },
  [CareTaskKind.SPEND_DROP]: { enabled: true, offsetDays: 0, windowDays: 14 },
};

export const CARE_TASK_KIND_NAMES: Record<CareTaskKind, string> = {
  [CareTaskKind.NEW_MEMBER]: '新会员回访',
  [CareTaskKind.FIRST_PURCHASE]: '首次消费回访',
  [CareTaskKind.BIRTHDAY]: '生日问候',
  [CareTaskKind.DORMANT]: '沉睡会员唤醒',
  [CareTaskKind.SPEND_DROP]: '消费下滑关怀',
};

export interface TaskWindow {
  dueDay: string;
  expiresDay: string;
}

/**
 * When a task for a moment on `triggerDay` is open: a birthday task opens `offsetDays` before the
 * birthday and stays open through it; the others open `offsetDays` after their trigger, for `windowDays`.
 */
export function taskWindow(kind: CareTaskKind, rule: CareTaskRule, triggerDay: string): TaskWindow {
  if (kind === CareTaskKind.BIRTHDAY) return { dueDay: addDays(triggerDay, -rule.offsetDays), expiresDay: triggerDay };
  const dueDay = addDays(triggerDay, rule.offsetDays);
  return { dueDay, expiresDay: addDays(dueDay, Math.max(rule.windowDays, 1) - 1) };
}

/** The trigger days whose task window holds `today`: the generator looks for moments in this range. */
export function triggerDaysOpenOn(kind: CareTaskKind, rule: CareTaskRule, today: string): { from: string; to: string } {
  if (kind === CareTaskKind.BIRTHDAY) return { from: today, to: addDays(today, rule.offsetDays) };
  const to = addDays(today, -rule.offsetDays);
  return { from: addDays(to, -(Math.max(rule.windowDays, 1) - 1)), to };
}

/** One spend-drop task a quarter at most, however long the drop lasts. */
export function quarterKey(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export function reasonFor(kind: CareTaskKind, triggerDay: string): string {
  const md = `${Number(triggerDay.slice(5, 7))} 月 ${Number(triggerDay.slice(8, 10))} 日`;
  switch (kind) {
    case CareTaskKind.NEW_MEMBER:
      return `${md}入会，请在一周内致电问候`;
    case CareTaskKind.FIRST_PURCHASE:
      return `${md}首次消费，请回访使用体验`;
    case CareTaskKind.BIRTHDAY:
      return `${md}生日，请送上祝福`;
    case CareTaskKind.DORMANT:
      return `${md}起沉睡，请邀请回店`;
    case CareTaskKind.SPEND_DROP:
      return '近 90 天消费不及此前一半，请关怀了解原因';
  }
}
