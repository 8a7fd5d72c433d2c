import type { CouponKind, CouponStatus, CouponStoreScope, CouponValidity } from '@huiyuan/shared-types';
import { randomInt } from 'node:crypto';
import { addDays, businessDate, startOfBusinessDay } from '../common/time/business-date';

/** No look-alikes (0/O, 1/I/L), so a code read aloud or typed at the till survives. */
export const COUPON_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const BODY_LENGTH = 12;

/**
 * Position-weighted sum modulo 31 (the alphabet's size, a prime) including the check character:
 * catches every single mistyped character and every swap of two neighbours.
 */
export function couponCheckChar(body: string): string {
  const n = COUPON_CODE_ALPHABET.length;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = COUPON_CODE_ALPHABET.indexOf(body[i] as string);
    if (value < 0) throw new Error(`'${body[i]}' is not a coupon code character`);
    sum += (i + 1) * value;
  }
  const checkWeight = body.length + 1;
  for (let c = 0; c < n; c++) if ((sum + checkWeight * c) % n === 0) return COUPON_CODE_ALPHABET[c] as string;
  throw new Error('no check character: the alphabet size must be prime');
}

/** 12 random characters (~59 bits, not guessable from other codes) and a check character. */
export function newCouponCode(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += COUPON_CODE_ALPHABET[randomInt(COUPON_CODE_ALPHABET.length)];
  return body + couponCheckChar(body);
}

/** What a clerk typed or a scanner read → the stored form, or null when it cannot be a coupon code. */
export function normaliseCouponCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== BODY_LENGTH + 1 || [...code].some((c) => !COUPON_CODE_ALPHABET.includes(c))) return null;
  return couponCheckChar(code.slice(0, BODY_LENGTH)) === code.slice(BODY_LENGTH) ? code : null;
}

/** 5000 → "50", 1050 → "10.5", 1005 → "10.05". */
export function yuan(cents: number): string {
  return (cents / 100).toFixed(2).replace(/\.?0+$/, '');
}

export interface CouponTerms {
  kind: CouponKind;
  amountCents: number | null;
  minSpendCents: number | null;
  ratePercent: number | null;
  capCents: number | null;
  giftDescription: string | null;
}

/** The words printed on the coupon: 满100减20, 20元无门槛, 8.5折, 免费饮品一杯. */
export function faceText(terms: CouponTerms): string {
  switch (terms.kind) {
    case 'cash': {
      const amount = yuan(terms.amountCents ?? 0);
      return terms.minSpendCents ? `满${yuan(terms.minSpendCents)}减${amount}` : `${amount}元无门槛`;
    }
    case 'discount': {
      const fold = `${String((terms.ratePercent ?? 100) / 10)}折`;
      return terms.capCents ? `${fold}（最高减${yuan(terms.capCents)}元）` : fold;
    }
    case 'gift':
      return terms.giftDescription ?? '礼品券';
  }
}

/** Which terms a kind needs; the answer names the missing field, or null when complete. */
export function termsProblem(terms: CouponTerms): string | null {
  switch (terms.kind) {
    case 'cash':
      if (!terms.amountCents || terms.amountCents <= 0) return 'amountCents: a cash-off coupon needs an amount';
      if (terms.minSpendCents && terms.minSpendCents <= terms.amountCents) return 'minSpendCents: must be more than amountCents';
      return null;
    case 'discount':
      if (!terms.ratePercent || terms.ratePercent < 10 || terms.ratePercent > 99) return 'ratePercent: a discount needs a rate from 10 to 99 (85 = 8.5折)';
      return null;
    case 'gift':
      return terms.giftDescription ? null : 'giftDescription: a gift coupon says what the gift is';
  }
}

/**
 * When a coupon issued at `issuedAt` is valid. Relative validity counts calendar days in the
 * business time zone and ends at local midnight, so "7 days" means through the 7th day.
 */
export function validityWindow(validity: CouponValidity, issuedAt: Date, timeZone: string): { validFrom: Date; expiresAt: Date } {
  if (validity.kind === 'fixed') return { validFrom: new Date(validity.from), expiresAt: new Date(validity.until) };
  const issueDay = businessDate(issuedAt, timeZone);
  const firstDay = validity.startsNextDay ? addDays(issueDay, 1) : issueDay;
  return {
    validFrom: validity.startsNextDay ? startOfBusinessDay(firstDay, timeZone) : issuedAt,
    expiresAt: startOfBusinessDay(addDays(firstDay, validity.days), timeZone),
  };
}

export function validityText(validity: CouponValidity, timeZone: string): string {
  if (validity.kind === 'relative') return `${validity.startsNextDay ? '领取次日起' : '领取后'}${validity.days}天内有效`;
  const lastDay = businessDate(new Date(new Date(validity.until).getTime() - 1), timeZone);
  return `${businessDate(new Date(validity.from), timeZone)} 至 ${lastDay}`;
}

export type Usability = 'usable' | 'used' | 'expired' | 'not_yet_valid';

/** Whether a coupon can be used now; an active coupon past its end is expired even before the job marks it. */
export function usability(coupon: { status: CouponStatus; validFrom: Date; expiresAt: Date }, now: Date): Usability {
  if (coupon.status === 'used') return 'used';
  if (coupon.status === 'expired' || coupon.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (coupon.validFrom.getTime() > now.getTime()) return 'not_yet_valid';
  return 'usable';
}

export function effectiveStatus(coupon: { status: CouponStatus; expiresAt: Date }, now: Date): CouponStatus {
  return coupon.status === 'active' && coupon.expiresAt.getTime() <= now.getTime() ? 'expired' : coupon.status;
}

export interface ScopedStore {
  id: number;
  path: string;
}

/** Listed nodes may be regions: a region covers every store below it. */
export function validAtStore(
  scope: CouponStoreScope,
  rule: { listedPaths: string[]; issuingStoreId: number | null },
  store: ScopedStore,
): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'listed':
      return rule.listedPaths.some((p) => store.path.startsWith(p));
    case 'issuing':
      return rule.issuingStoreId === store.id;
  }
}

export function storesText(scope: CouponStoreScope, listedNames: string[], issuingStoreName: string | null): string {
  switch (scope) {
    case 'all':
      return '全部门店通用';
    case 'listed':
      return `限 ${listedNames.join('、')} 使用`;
    case 'issuing':
      return issuingStoreName ? `限 ${issuingStoreName} 使用` : '限发券门店使用';
  }
}
