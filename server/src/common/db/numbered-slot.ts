import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isDuplicateKeyError } from './db-errors';
import { insertRow } from './sql';

/**
 * Takes the next free slot 1..limit of a per-member allowance by inserting a row whose unique key
 * ends in `seq`. Racing requests cannot both take one slot, so the allowance holds without locks;
 * the count only says where to start. Returns the new row's id, or null when every slot is taken.
 */
export async function claimNumberedSlot<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  taken: number,
  limit: number,
  row: (seq: number) => Partial<T>,
): Promise<number | null> {
  for (let seq = taken + 1; seq <= limit; seq++) {
    try {
      return await insertRow(manager, entity, row(seq));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return null;
}
