import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';
import { invalidField } from '../common/errors/invalid-field';

export const staffNotFound = (id: number) => new AppError(ErrorCode.STAFF_NOT_FOUND, `No staff member ${id}`);
export const staffLocked = (until: Date) =>
  new AppError(ErrorCode.STAFF_LOCKED, `Too many failed logins from this device; try again after ${until.toISOString()} or ask HQ to reset the password`, { lockedUntil: until.toISOString() });
export const wrongCredentials = () => new AppError(ErrorCode.STAFF_CREDENTIALS_INVALID, 'Wrong username or password');
export const wrongCurrentPassword = () => new AppError(ErrorCode.STAFF_CREDENTIALS_INVALID, 'The current password is wrong');
export const demoPasswordRefused = (username: string) =>
  new AppError(ErrorCode.STAFF_PASSWORD_WEAK, 'The demo password is not accepted in production; HQ must set a new password for this account', { username });
/** `field` is the request's password field (password, newPassword); `problem` comes from passwordProblem. */
export const passwordWeak = (field: string, problem: string) => new AppError(ErrorCode.STAFF_PASSWORD_WEAK, `${field} ${problem}`);
export const usernameTaken = (username: string) => new AppError(ErrorCode.USERNAME_TAKEN, `Username ${username} is taken`);
export const clerksCannotCreateStaff = () => new AppError(ErrorCode.FORBIDDEN, 'Clerks cannot create staff accounts');
export const managersCreateClerksOnly = () => new AppError(ErrorCode.FORBIDDEN, 'Store managers create clerks only');
export const managersManageClerksOnly = () => new AppError(ErrorCode.FORBIDDEN, 'Store managers manage clerks only');
export const managersManageOwnClerks = () => new AppError(ErrorCode.FORBIDDEN, 'Store managers manage the clerks of their own store');
export const ownAccessUnchangeable = () => new AppError(ErrorCode.FORBIDDEN, 'You cannot change your own role, store or access; ask HQ');
export const ownPasswordNotReset = () => new AppError(ErrorCode.FORBIDDEN, 'Change your own password with POST /api/v1/staff/me/password');
/** HQ admins sit at the HQ, store staff at a store or region. */
export const roleOutsideItsStore = (hqAdmin: boolean) =>
  invalidField('storeCode', hqAdmin ? 'HQ admins belong to the HQ' : 'store staff belong to a store or region, not the HQ');
