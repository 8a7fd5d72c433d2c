import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from './app-error';

/** A request field that passed its DTO's checks but breaks a rule of the domain: a 400 that names the field. */
export const invalidField = (field: string, problem: string, details?: unknown) => new AppError(ErrorCode.VALIDATION_FAILED, `${field}: ${problem}`, details);
