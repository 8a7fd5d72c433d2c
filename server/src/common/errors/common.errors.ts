import { ErrorCode, FieldError } from '@huiyuan/shared-types';
import { AppError } from './app-error';
import { invalidField } from './invalid-field';

/** Errors every feature may answer; a feature's own live in its `*.errors.ts`. */
export const rangeReversed = () => invalidField('from', 'must not be after to');
/** The DTO checks failed: every field with its problems, in the message and in the details. */
export const requestInvalid = (fields: FieldError[]) =>
  new AppError(ErrorCode.VALIDATION_FAILED, `Invalid request: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`, fields);
export const numberTooLarge = (field: string, max: number) =>
  new AppError(ErrorCode.VALIDATION_FAILED, `Invalid request: ${field}: must be a number between -${max} and ${max}`, [{ field, problems: ['out of range'] }]);
export const jsonNestsTooDeep = (max: number) => new AppError(ErrorCode.MALFORMED_REQUEST, `The JSON body nests deeper than ${max} levels`);
export const tooManyRequests = (windowEndsAt: Date) =>
  new AppError(ErrorCode.RATE_LIMITED, `Too many requests from this address; try again after ${windowEndsAt.toISOString()}`, { retryAfter: windowEndsAt.toISOString() });
export const devClockInProduction = () => new AppError(ErrorCode.FORBIDDEN, 'The development clock is refused in production (NODE_ENV=production)');
export const clockNotMovable = () => new AppError(ErrorCode.FORBIDDEN, "This server's clock cannot be moved over HTTP");
