import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const couponNotFound = (how: string) => new AppError(ErrorCode.COUPON_NOT_FOUND, `No coupon ${how}`);
export const couponTemplateNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `No coupon template ${id}`);
export const couponNotIssuable = (why: string) => new AppError(ErrorCode.COUPON_NOT_ISSUABLE, `This coupon cannot be issued: ${why}`);
export const couponSoldOut = (title: string) => new AppError(ErrorCode.COUPON_SOLD_OUT, `All of the coupons "${title}" have been issued`);
export const couponLimitReached = (title: string, limit: number, period: 'all' | 'day') =>
  new AppError(ErrorCode.COUPON_LIMIT_REACHED, `This member already has ${limit} of "${title}"${period === 'day' ? ' today' : ''}, the most allowed`, { limit, period });
export const verificationNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `No coupon verification ${id}`);
export const ownStoreGone = () => new AppError(ErrorCode.STORE_NOT_FOUND, 'Your store no longer exists');
export const verifiedAtStoresOnly = () => new AppError(ErrorCode.FORBIDDEN, 'Coupons are verified at a store; log in with a store account');
export const couponChangedDuringVerification = () => new AppError(ErrorCode.CONFLICT, 'The coupon changed while it was being verified; try again');
export const couponWrongStore = (storeName: string, validAt: string) => new AppError(ErrorCode.COUPON_WRONG_STORE, `This coupon cannot be used at ${storeName}: ${validAt}`, { validAt });
export const verificationAlreadyUndone = (at: Date) => new AppError(ErrorCode.COUPON_NOT_USED, `This verification was already undone at ${at.toISOString()}`);
export const verificationUndoneMeanwhile = () => new AppError(ErrorCode.COUPON_NOT_USED, 'This verification was undone by someone else just now');
export const undoWindowPassed = (minutes: number, verifiedAt: Date, deadline: Date) =>
  new AppError(ErrorCode.VERIFICATION_UNDO_WINDOW_PASSED, `A verification can be undone within ${minutes} minutes; this one was at ${verifiedAt.toISOString()}`, { deadline: deadline.toISOString() });
/** `at` and `storeName` as the clerk reads them; the details carry the exact values. */
export const couponAlreadyUsed = (at: string, storeName: string, usedAt: Date | null, usedStore: { code: string; name: string } | null) =>
  new AppError(ErrorCode.COUPON_ALREADY_USED, `This coupon was already used at ${at} in ${storeName}`, { usedAt: usedAt?.toISOString() ?? null, usedStore });
export const couponExpired = (localTime: string, expiresAt: Date) => new AppError(ErrorCode.COUPON_EXPIRED, `This coupon expired at ${localTime}`, { expiresAt: expiresAt.toISOString() });
export const couponNotYetValid = (localTime: string, validFrom: Date) => new AppError(ErrorCode.COUPON_NOT_YET_VALID, `This coupon can be used from ${localTime}`, { validFrom: validFrom.toISOString() });
export const hqTemplateEditedByHq = () => new AppError(ErrorCode.FORBIDDEN, "HQ's coupon templates are edited by HQ");
export const storeTemplatesNotAllowed = () => new AppError(ErrorCode.FORBIDDEN, 'HQ has not allowed stores to make their own coupons');
export const storeTemplateEverywhere = () => new AppError(ErrorCode.FORBIDDEN, "storeScope: a store's own coupon cannot be valid at every store");
export const templateStoresUnknown = (codes: string[]) => new AppError(ErrorCode.STORE_NOT_FOUND, `storeCodes: no store ${codes.join(', ')}`);
/** `problem` already names its field (from the template rules). */
export const templateInvalid = (problem: string) => new AppError(ErrorCode.VALIDATION_FAILED, problem);
