import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { execute } from '../db/sql';
import { IdempotencyRecord } from './idempotency-record.entity';

/** Every statement of `idempotency_records`: a key's claim, its completion with the answer, its release. */
@Injectable()
export class IdempotencyRepository {
  /** The claim's id; a key already claimed in this scope fails on the unique key. */
  async claim(manager: EntityManager, claim: { scope: string; key: string; requestHash: string; at: Date }): Promise<number> {
    const result = await manager.getRepository(IdempotencyRecord).insert({ scope: claim.scope, idemKey: claim.key, requestHash: claim.requestHash, statusCode: null, responseBody: null, createdAt: claim.at });
    return Number(result.identifiers[0]?.id);
  }

  find(manager: EntityManager, scope: string, key: string): Promise<IdempotencyRecord | null> {
    return manager.getRepository(IdempotencyRecord).findOneBy({ scope, idemKey: key });
  }

  /** Takes over an open claim left since `claimedAt`; false when another request took it first. */
  async takeOver(manager: EntityManager, id: number, claimedAt: Date, now: Date): Promise<boolean> {
    const taken = await manager.getRepository(IdempotencyRecord).update({ id, statusCode: IsNull(), createdAt: claimedAt }, { createdAt: now });
    return taken.affected === 1;
  }

  /** Completes a still-open claim with its answer; false when it was completed already. */
  async completeOpen(manager: EntityManager, id: number, body: string): Promise<boolean> {
    return (await execute(manager, 'UPDATE idempotency_records SET status_code = 200, response_body = ? WHERE id = ? AND status_code IS NULL', [body, id])) === 1;
  }

  async complete(manager: EntityManager, id: number, body: string): Promise<void> {
    await execute(manager, 'UPDATE idempotency_records SET status_code = 200, response_body = ? WHERE id = ?', [body, id]);
  }

  /** Frees a claim that never completed. */
  async release(manager: EntityManager, id: number): Promise<void> {
    await manager.getRepository(IdempotencyRecord).delete({ id, statusCode: IsNull() });
  }
}
