import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

/** One message wherever a member is missing or has left: by id, or by what the caller looked them up with. */
export const memberNotFound = (by: number | string) => new AppError(ErrorCode.MEMBER_NOT_FOUND, `No active member with ${typeof by === 'number' ? `id ${by}` : by}`);
export const memberCodeInvalid = () => new AppError(ErrorCode.MEMBER_CODE_INVALID, 'Not a member code: expected the 18 digits under the member QR code');
export const memberCodeExpired = () =>
  new AppError(ErrorCode.MEMBER_CODE_EXPIRED, 'This member code has expired (codes refresh every 30 s); ask the member to show the live code');
