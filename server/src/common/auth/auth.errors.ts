import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../errors/app-error';

export const tokenInvalid = (reason: string) => new AppError(ErrorCode.UNAUTHENTICATED, `Authentication failed: ${reason}; log in again`);
export const sessionEnded = (why: string) => new AppError(ErrorCode.UNAUTHENTICATED, `This session has ended (${why}); log in again`);
export const bearerMissing = () => new AppError(ErrorCode.UNAUTHENTICATED, 'Missing Authorization: Bearer <token> header');
export const membersOnly = () => new AppError(ErrorCode.FORBIDDEN, 'This route is for members; a staff token was sent');
export const notAMember = () => new AppError(ErrorCode.NOT_A_MEMBER, 'Join the membership first (POST /api/v1/members)');
export const staffOnly = () => new AppError(ErrorCode.FORBIDDEN, 'This route is for staff; log in as staff');
export const passwordChangeRequired = () => new AppError(ErrorCode.STAFF_PASSWORD_CHANGE_REQUIRED, 'Change the one-time password first (POST /api/v1/staff/me/password)');
export const roleNotAllowed = (role: string, roles: string[]) => new AppError(ErrorCode.FORBIDDEN, `Your role (${role}) may not do this; it needs ${roles.join(' or ')}`);
