import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const pointsInsufficient = (needed: number, balance: number) =>
  new AppError(ErrorCode.POINTS_INSUFFICIENT, `Not enough points: ${needed} needed, ${balance} available`, { needed, balance });
