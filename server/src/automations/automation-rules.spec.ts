import { AutomationKind } from '@huiyuan/shared-types';
import { momentDay, occurrenceStatus, triggerDaysToScan } from './automation-rules';

describe('automation timing', () => {
  it.each([
    [AutomationKind.BIRTHDAY, 1, '2026-12-02', '2026-12-01'],
    [AutomationKind.BIRTHDAY, 0, '2026-12-02', '2026-12-02'],
    [AutomationKind.FIRST_PURCHASE_FOLLOW_UP, 7, '2026-11-24', '2026-12-01'],
    [AutomationKind.POINTS_EXPIRING, 7, '2026-12-31', '2026-12-24'],
    [AutomationKind.COUPON_EXPIRING, 3, '2027-01-01', '2026-12-29'],
  ])('%s with N=%i triggered on %s is due on %s', (kind, days, trigger, due) => {
    expect(momentDay(kind, days, trigger)).toBe(due);
  });

  it.each([AutomationKind.BIRTHDAY, AutomationKind.FIRST_PURCHASE_FOLLOW_UP, AutomationKind.POINTS_EXPIRING])('%s: a scan sees the triggers due today and yesterday, no others', (kind) => {
    const today = '2026-03-01';
    const { from, to } = triggerDaysToScan(kind, 5, today);
    for (let d = -20; d <= 20; d++) {
      const trigger = new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10);
      const due = momentDay(kind, 5, trigger);
      expect(trigger >= from && trigger <= to).toBe(due === today || due === '2026-02-28');
    }
  });

  it('a moment already past is expired, never sent late', () => {
    expect(occurrenceStatus('2026-12-01', '2026-12-01')).toBe('fired');
    expect(occurrenceStatus('2026-11-30', '2026-12-01')).toBe('expired');
  });
});
