import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const careTaskNotFound = (id: number) => new AppError(ErrorCode.CARE_TASK_NOT_FOUND, `No care task ${id}`);
export const careTaskClosed = (id: number, status: 'done' | 'expired') => new AppError(ErrorCode.CARE_TASK_CLOSED, `Care task ${id} is already ${status}`);
export const notTheMaintainingClerk = () => new AppError(ErrorCode.FORBIDDEN, "Only the member's maintaining clerk or their store manager may close this task");
