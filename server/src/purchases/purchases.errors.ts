import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const purchaseNotFound = (id: number) => new AppError(ErrorCode.PURCHASE_NOT_FOUND, `No purchase ${id}`);
export const refundExceedsPurchase = (leftCents: number) =>
  new AppError(ErrorCode.REFUND_EXCEEDS_PURCHASE, `The refund is more than is left to refund on this purchase (¥${(leftCents / 100).toFixed(2)})`, { refundableCents: leftCents });
export const orderTakenByAnotherMember = (orderNo: string) => new AppError(ErrorCode.CONFLICT, `Order ${orderNo} was already recorded at this store for another member`);
export const orderPaidByAnotherMember = (orderNo: string) => new AppError(ErrorCode.CONFLICT, `Order ${orderNo} was already paid with another member's points`);
export const purchaseWithoutMember = () => new AppError(ErrorCode.VALIDATION_FAILED, 'Give memberCode (scanned) or cardNo');
