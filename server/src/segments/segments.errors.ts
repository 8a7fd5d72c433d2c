import { ErrorCode } from '@huiyuan/shared-types';
import { AppError } from '../common/errors/app-error';

export const segmentNotFound = (id: number) => new AppError(ErrorCode.SEGMENT_NOT_FOUND, `No segment ${id}`);
/** A rule tree the registry refuses: `path` points at the node (`.rules[1].value`), as the builder shows it. */
export const segmentRuleInvalid = (path: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.VALIDATION_FAILED, `rules${path}: ${message}`, { path: `rules${path}`, ...details });
