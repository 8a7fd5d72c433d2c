import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const purchaseNotFound = (id: number) => new AppError(ErrorCode.PURCHASE_NOT_FOUND, `No purchase ${id}`);
export const refundExceedsPurchase = (leftCents: number) =>
  new AppError(ErrorCode.REFUND_EXCEEDS_PURCHASE, `The refund is more than is left to refund on this purchase (¥${(leftCents / 100).toFixed(2)})`, { refundableCents: leftCents });
