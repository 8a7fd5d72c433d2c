import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const storeNotFound = (code: string) => new AppError(ErrorCode.STORE_NOT_FOUND, `No store with code ${code}`);
export const outsideStoreScope = (what: string) => new AppError(ErrorCode.FORBIDDEN, `${what} is outside your store; ask a manager of that store or HQ`);
