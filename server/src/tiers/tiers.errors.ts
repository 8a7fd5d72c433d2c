import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const tierRankTaken = (rank: number) => new AppError(ErrorCode.CONFLICT, `Another tier already has rank ${rank}`);
