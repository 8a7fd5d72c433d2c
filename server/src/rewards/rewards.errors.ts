import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const rewardNotFound = (id: number) => new AppError(ErrorCode.REWARD_NOT_FOUND, `No reward ${id} in the points mall`);
export const rewardSoldOut = (title: string) => new AppError(ErrorCode.REWARD_SOLD_OUT, `"${title}" is sold out; your points were not used`);
export const rewardNotAvailable = (title: string, why: string) => new AppError(ErrorCode.REWARD_NOT_AVAILABLE, `"${title}" cannot be redeemed: ${why}`);
export const rewardLimitReached = (title: string, limit: number) =>
  new AppError(ErrorCode.REWARD_LIMIT_REACHED, `You have redeemed "${title}" ${limit} time${limit > 1 ? 's' : ''}, the most allowed per member`, { limit });
/** `problem` names the field itself (`data: not a PNG or JPEG image`). */
export const rewardImageInvalid = (problem: string) => new AppError(ErrorCode.VALIDATION_FAILED, problem);
export const rewardImageNotFound = (file: string) => new AppError(ErrorCode.NOT_FOUND, `No reward image ${file}`);
