import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@huiyuan/shared-types';
import { numberTooLarge, requestInvalid } from './common.errors';

/** Every number the API stores fits a 32-bit column; a bigger one is bad input, not a database error. */
const MAX_STORED_NUMBER = 2_147_483_647;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The first number out of range, by field path; the body's depth is already capped by the JSON parser. */
function numberOutOfRange(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_STORED_NUMBER ? null : path || 'value';
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const found = numberOutOfRange(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** Unknown fields are rejected, types transformed, numbers bounded, and every problem names its field. */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const field = numberOutOfRange(result, '');
      if (field) throw numberTooLarge(field, MAX_STORED_NUMBER);
    }
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => requestInvalid(flatten(errors)),
  });
}
