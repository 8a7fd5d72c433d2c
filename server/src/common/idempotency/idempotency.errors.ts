import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../errors/app-error';

export const idempotencyKeyMalformed = () => new AppError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 _ . : -');
export const idempotencyKeyReused = () => new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request; use a new key');
export const idempotencyInProgress = () => new AppError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'The first request with this Idempotency-Key is still being handled; retry shortly');
export const idempotencyCompletedElsewhere = () => new AppError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'Another request with this Idempotency-Key has completed; retry to get its answer');
