import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const templateNotFound = (id: number | string) => new AppError(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND, `No message template ${id} for this WeChat app`);
export const templateTaken = (what: string) => new AppError(ErrorCode.MESSAGE_TEMPLATE_TAKEN, `${what} is already registered for this WeChat app`);
export const templateInvalid = (problem: string) => new AppError(ErrorCode.VALIDATION_FAILED, problem, { field: problem.split(':')[0] });
export const templateNotForCampaigns = (title: string) =>
  new AppError(ErrorCode.CONFLICT, `${title} is a service-notification template; campaigns may only use campaign templates, so they never spend the accepts members gave for service messages`);
export const pushRejected = (why: string) => new AppError(ErrorCode.WECHAT_PUSH_REJECTED, `Push rejected: ${why}`);
export const wechatAlreadyBound = () => new AppError(ErrorCode.CONFLICT, 'This WeChat account is already bound to another staff account');
