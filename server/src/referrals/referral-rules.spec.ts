import { ReferralRules } from '@huiyuan/shared-types';
import { capReached, DEFAULT_REFERRAL_RULES, invitationState, maskFriendName, referralSharePath, releaseTime } from './referral-rules';

const rules = (overrides: Partial<ReferralRules> = {}): ReferralRules => ({ ...DEFAULT_REFERRAL_RULES, ...overrides });

describe('referral rules', () => {
  it.each([
    ['小林', '小*'],
    ['Mia', 'M*'],
    ['  阿杰', '阿*'],
    ['😀abc', '😀*'],
    [null, '微信好友'],
    ['   ', '微信好友'],
  ])('masks %j as %s', (nickname, masked) => {
    expect(maskFriendName(nickname)).toBe(masked);
  });

  it('shares the join page with the referral scene encoded', () => {
    expect(referralSharePath('AB12CD')).toBe('/packages/join/index?scene=r%3DAB12CD');
  });

  it.each([
    [0, 0, null],
    [4, 29, null],
    [5, 5, 'daily_cap'],
    [0, 30, 'monthly_cap'],
    [5, 30, 'daily_cap'],
  ])('with %i rewards today and %i this month, the cap reached is %s', (today, month, cap) => {
    expect(capReached(rules(), today, month)).toBe(cap);
  });

  it('holds a first-purchase reward through the refund window, and releases others at once', () => {
    const at = new Date('2026-03-01T04:00:00.000Z');
    expect(releaseTime(rules(), at, null)).toEqual(at);
    expect(releaseTime(rules({ refundWindowDays: 7 }), at, new Date('2026-02-28T20:00:00.000Z')).toISOString()).toBe('2026-03-07T20:00:00.000Z');
    expect(releaseTime(rules({ refundWindowDays: 0 }), at, at)).toEqual(at);
  });

  it('shows an approved referral to the member as rewarded', () => {
    expect(invitationState('approved')).toBe('rewarded');
    expect(invitationState('held')).toBe('held');
  });
});
