import { isMemberCodeCurrent, isValidCardNo, luhnCheckDigit, memberCode, MEMBER_CODE_WINDOW_S, newCardNo, newReferralCode, splitMemberCode } from './member-identifiers';

describe('card numbers', () => {
  it.each([
    ['7992739871', 3],
    ['80000000000', 3],
  ])('Luhn check digit of %s is %i', (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check);
  });

  it('are 12 digits with a valid check digit, and a single typo is caught', () => {
    for (let i = 0; i < 200; i++) {
      const card = newCardNo();
      expect(isValidCardNo(card)).toBe(true);
      const typo = card.slice(0, 5) + String((Number(card[5]) + 1) % 10) + card.slice(6);
      expect(isValidCardNo(typo)).toBe(false);
    }
  });

  it('referral codes avoid look-alike characters', () => {
    for (let i = 0; i < 200; i++) expect(newReferralCode()).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  });
});

describe('dynamic member code', () => {
  const secret = 'per-member-secret';
  const card = '812345678903';
  const t0 = new Date('2026-11-24T08:00:00.000Z');

  it('is the card number followed by six window digits, expiring at the window end', () => {
    const { code, expiresAt } = memberCode(card, secret, t0);
    expect(code).toMatch(/^812345678903\d{6}$/);
    expect(expiresAt.getTime() - t0.getTime()).toBeLessThanOrEqual(MEMBER_CODE_WINDOW_S * 1000);
    expect(splitMemberCode(code)).toEqual({ cardNo: card, otp: code.slice(12) });
  });

  it.each([
    [0, true],
    [MEMBER_CODE_WINDOW_S, true],
    [2 * MEMBER_CODE_WINDOW_S, false],
    [10 * MEMBER_CODE_WINDOW_S, false],
  ])('a code shown %i s ago is accepted: %s', (ageSeconds, accepted) => {
    const { code } = memberCode(card, secret, t0);
    const later = new Date(t0.getTime() + ageSeconds * 1000);
    expect(isMemberCodeCurrent(secret, code.slice(12), later)).toBe(accepted);
  });

  it('another member secret does not verify', () => {
    const { code } = memberCode(card, secret, t0);
    expect(isMemberCodeCurrent('other-secret', code.slice(12), t0)).toBe(false);
  });
});
