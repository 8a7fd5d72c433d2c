import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const segmentNotFound = (id: number) => new AppError(ErrorCode.SEGMENT_NOT_FOUND, `No segment ${id}`);
