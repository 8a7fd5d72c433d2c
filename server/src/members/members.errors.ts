import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const memberNotFound = (how: string) => new AppError(ErrorCode.MEMBER_NOT_FOUND, `No member found by ${how}`);
export const memberCodeInvalid = () => new AppError(ErrorCode.MEMBER_CODE_INVALID, 'Not a member code: expected the 18 digits under the member QR code');
export const memberCodeExpired = () =>
  new AppError(ErrorCode.MEMBER_CODE_EXPIRED, 'This member code has expired (codes refresh every 30 s); ask the member to show the live code');
