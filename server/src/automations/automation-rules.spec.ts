import { AutomationKind } from '@huiyuan/shared-types';
import { fillOwnPlaceholders, growthToReturn, minutesOfDay, momentDay, multiplierText, occurrenceStatus, triggerDaysToScan, weekdaysIn } from './automation-rules';

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

describe('automation helpers', () => {
  it.each([
    // 2026-12-03 is a Thursday (ISO 4); 2026-12-06 a Sunday (7).
    ['2026-12-01', '2026-12-07', 4, ['2026-12-03']],
    ['2026-12-01', '2026-12-07', 7, ['2026-12-06']],
    ['2026-12-01', '2026-12-14', 1, ['2026-12-07', '2026-12-14']],
    ['2026-12-04', '2026-12-05', 4, []],
  ])('weekdays in %s..%s on ISO weekday %i', (from, to, weekday, days) => {
    expect(weekdaysIn(from, to, weekday)).toEqual(days);
  });

  it.each([
    ['20:00', 1200],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', null],
    ['8:00', null],
    ['20:60', null],
  ])('%s is %p minutes into the day', (time, minutes) => {
    expect(minutesOfDay(time)).toBe(minutes);
  });

  it.each([
    [200, '2倍'],
    [150, '1.5倍'],
    [125, '1.25倍'],
  ])('multiplier %i%% reads %s', (pct, text) => {
    expect(multiplierText(pct)).toBe(text);
  });

  it('growth to return is what is missing to the fallen-from tier, never negative', () => {
    expect(growthToReturn(1000, 640)).toBe(360);
    expect(growthToReturn(1000, 1200)).toBe(0);
  });

  it('fills only the kind\'s own placeholders and leaves the rest for the delivery path', () => {
    expect(fillOwnPlaceholders({ thing1: '{tier}：再得{growthToReturn}成长值恢复{returnTier}', x: '{unknownish}' }, { growthToReturn: '360', returnTier: '银卡会员' })).toEqual({
      thing1: '{tier}：再得360成长值恢复银卡会员',
      x: '{unknownish}',
    });
  });
});
