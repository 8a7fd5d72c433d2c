import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const memberCodeInvalid = () => new AppError(ErrorCode.MEMBER_CODE_INVALID, 'Not a member code: expected the 18 digits under the member QR code');
export const memberCodeExpired = () =>
  new AppError(ErrorCode.MEMBER_CODE_EXPIRED, 'This member code has expired (codes refresh every 30 s); ask the member to show the live code');
export const consentOutdated = (current: string) =>
  new AppError(ErrorCode.CONSENT_VERSION_OUTDATED, `consentVersion: the current privacy notice is ${current}; show it and ask again`, { current });
export const storeClerkNotFound = (staffId: number) => new AppError(ErrorCode.STAFF_NOT_FOUND, `No store staff member ${staffId}`);
export const lookupWithoutKey = () => new AppError(ErrorCode.VALIDATION_FAILED, 'Give one of code, cardNo or phone');
