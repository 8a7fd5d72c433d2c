import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';

/** Every entity, listed once: the app, the CLI and the schema test read this list. */
export const ENTITIES = [IdempotencyRecord];
