import { CareTaskKind } from '@huiyuan/shared-types';
import { DEFAULT_CARE_TASK_RULES, quarterKey, taskWindow, triggerDaysOpenOn } from './care-task-rules';

describe('care task windows', () => {
  it.each([
    [CareTaskKind.NEW_MEMBER, '2026-12-01', { dueDay: '2026-12-01', expiresDay: '2026-12-07' }],
    [CareTaskKind.FIRST_PURCHASE, '2026-12-01', { dueDay: '2026-12-08', expiresDay: '2026-12-14' }],
    [CareTaskKind.BIRTHDAY, '2027-01-02', { dueDay: '2026-12-30', expiresDay: '2027-01-02' }],
    [CareTaskKind.DORMANT, '2026-02-20', { dueDay: '2026-02-20', expiresDay: '2026-03-05' }],
  ])('%s triggered on %s is open %o', (kind, trigger, window) => {
    expect(taskWindow(kind, DEFAULT_CARE_TASK_RULES[kind], trigger)).toEqual(window);
  });

  it.each([CareTaskKind.NEW_MEMBER, CareTaskKind.FIRST_PURCHASE, CareTaskKind.BIRTHDAY, CareTaskKind.DORMANT])('%s: the trigger days open today are exactly those whose window holds today', (kind) => {
    const rule = DEFAULT_CARE_TASK_RULES[kind];
    const today = '2026-12-01';
    const { from, to } = triggerDaysOpenOn(kind, rule, today);
    for (let d = -30; d <= 30; d++) {
      const trigger = new Date(Date.UTC(2026, 11, 1 + d)).toISOString().slice(0, 10);
      const w = taskWindow(kind, rule, trigger);
      expect(trigger >= from && trigger <= to).toBe(w.dueDay <= today && today <= w.expiresDay);
    }
  });

  it.each([['2026-01-01', '2026-Q1'], ['2026-03-31', '2026-Q1'], ['2026-04-01', '2026-Q2'], ['2026-12-31', '2026-Q4']])('%s is in %s', (day, key) => {
    expect(quarterKey(day)).toBe(key);
  });
});
