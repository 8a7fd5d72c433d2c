import { banCountingFrom, banPauseReason, banReportsPause } from './app-ban-rules';

const rule = { toPause: 3, windowHours: 24 };
const now = new Date('2026-12-02T04:00:00.000Z');

describe('20005 reports: distinct members within the window since the last resume', () => {
  it('counts back over the window when HQ never resumed, or resumed before it', () => {
    expect(banCountingFrom(now, rule, null).toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect(banCountingFrom(now, rule, new Date('2026-11-20T00:00:00.000Z')).toISOString()).toBe('2026-12-01T04:00:00.000Z');
  });

  it('counts only from the resume when HQ resumed inside the window', () => {
    expect(banCountingFrom(now, rule, new Date('2026-12-02T01:30:00.000Z')).toISOString()).toBe('2026-12-02T01:30:00.000Z');
    expect(banCountingFrom(now, { toPause: 3, windowHours: 1 }, new Date('2026-12-02T01:30:00.000Z')).toISOString()).toBe('2026-12-02T03:00:00.000Z');
  });

  it('pauses from the threshold on, not before', () => {
    expect(banReportsPause(0, rule)).toBe(false);
    expect(banReportsPause(2, rule)).toBe(false);
    expect(banReportsPause(3, rule)).toBe(true);
    expect(banReportsPause(40, rule)).toBe(true);
    expect(banReportsPause(1, { toPause: 1, windowHours: 24 })).toBe(true);
  });

  it('names how many members reported and since when, in business time, short enough for a campaign pause reason', () => {
    const reason = banPauseReason(3, new Date('2026-12-01T16:05:00.000Z'), 'Asia/Shanghai');
    expect(reason).toMatch(/^3 位会员的小程序自 12\/2 00:05 起报告 20005/);
    // campaigns.pause_reason is varchar(200).
    expect(banPauseReason(100000, now, 'Asia/Shanghai').length).toBeLessThanOrEqual(200);
  });
});
