import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const couponNotFound = (how: string) => new AppError(ErrorCode.COUPON_NOT_FOUND, `No coupon ${how}`);
export const couponTemplateNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `No coupon template ${id}`);
export const couponNotIssuable = (why: string) => new AppError(ErrorCode.COUPON_NOT_ISSUABLE, `This coupon cannot be issued: ${why}`);
export const couponSoldOut = (title: string) => new AppError(ErrorCode.COUPON_SOLD_OUT, `All of the coupons "${title}" have been issued`);
export const couponLimitReached = (title: string, limit: number, period: 'all' | 'day') =>
  new AppError(ErrorCode.COUPON_LIMIT_REACHED, `This member already has ${limit} of "${title}"${period === 'day' ? ' today' : ''}, the most allowed`, { limit, period });
