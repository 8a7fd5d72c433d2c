import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from './app-error';

/**
 * One message wherever a member is missing or has left: by id, or by what the caller looked them up
 * with. In common/ because every feature that takes a member answers it, tags (which members imports) too.
 */
export const memberNotFound = (by: number | string) => new AppError(ErrorCode.MEMBER_NOT_FOUND, `No active member with ${typeof by === 'number' ? `id ${by}` : by}`);
