import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const referralNotFound = (id: number) => new AppError(ErrorCode.NOT_FOUND, `Referral ${id} does not exist`);
export const referralNotFlagged = (id: number, state: string) => new AppError(ErrorCode.CONFLICT, `Referral ${id} is ${state}, not waiting for review`, { state });
