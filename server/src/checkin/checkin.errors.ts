import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

/** The reason is plain zh-CN: the mini-program shows it as is. */
export const makeupNotAllowed = (reason: string, date: string) => new AppError(ErrorCode.CHECKIN_MAKEUP_NOT_ALLOWED, reason, { date });
