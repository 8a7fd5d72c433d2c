import { createHmac, randomInt } from 'node:crypto';

const REFERRAL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Luhn check digit, as on bank cards: catches every single-digit typo and most swaps at the till. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNo(cardNo: string): boolean {
  return /^8\d{11}$/.test(cardNo) && luhnCheckDigit(cardNo.slice(0, -1)) === Number(cardNo.slice(-1));
}

/** 12 digits starting with 8, random (not guessable from the join order), with a check digit. */
export function newCardNo(): string {
  let body = '8';
  for (let i = 0; i < 10; i++) body += String(randomInt(10));
  return body + String(luhnCheckDigit(body));
}

/** 6 characters without look-alikes (0/O, 1/I/L), easy to read aloud. */
export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERRAL_ALPHABET[randomInt(REFERRAL_ALPHABET.length)];
  return code;
}

/** Seconds one dynamic code is shown; the previous window is accepted too, so a code lives 30–60 s. */
export const MEMBER_CODE_WINDOW_S = 30;

/** Six digits from HMAC(secret, window), like a TOTP. */
export function memberCodeOtp(secret: string, window: number): string {
  const mac = createHmac('sha256', secret).update(String(window)).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

export function memberCodeWindow(at: Date): number {
  return Math.floor(at.getTime() / 1000 / MEMBER_CODE_WINDOW_S);
}

/** The dynamic member code: card number + the window's one-time digits (18 digits, like a payment code). */
export function memberCode(cardNo: string, secret: string, at: Date): { code: string; expiresAt: Date } {
  const window = memberCodeWindow(at);
  return { code: cardNo + memberCodeOtp(secret, window), expiresAt: new Date((window + 1) * MEMBER_CODE_WINDOW_S * 1000) };
}

export function splitMemberCode(code: string): { cardNo: string; otp: string } | null {
  if (!/^\d{18}$/.test(code)) return null;
  return { cardNo: code.slice(0, 12), otp: code.slice(12) };
}

/** Accepts the current and the previous window only: a screenshot stops working within a minute. */
export function isMemberCodeCurrent(secret: string, otp: string, at: Date): boolean {
  const window = memberCodeWindow(at);
  return otp === memberCodeOtp(secret, window) || otp === memberCodeOtp(secret, window - 1);
}
