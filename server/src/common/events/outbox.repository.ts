import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, insertRow, insertRows } from '../db/sql';
import { OutboxEvent } from './outbox-event.entity';

/** Every statement of `outbox_events`: written in the cause's transaction, read and deleted by the relay. */
@Injectable()
export class OutboxRepository {
  async insert(manager: EntityManager, event: string, payload: unknown, at: Date): Promise<void> {
    await insertRow(manager, OutboxEvent, { event, payload: JSON.stringify(payload), createdAt: at });
  }

  async insertMany(manager: EntityManager, event: string, payloads: unknown[], at: Date): Promise<void> {
    await insertRows(manager, OutboxEvent, payloads.map((payload) => ({ event, payload: JSON.stringify(payload), createdAt: at })));
  }

  /** The oldest events first. */
  oldest(manager: EntityManager, limit: number): Promise<OutboxEvent[]> {
    return manager.getRepository(OutboxEvent).find({ order: { id: 'ASC' }, take: limit });
  }

  async delete(manager: EntityManager, ids: number[]): Promise<void> {
    if (ids.length) await execute(manager, `DELETE FROM outbox_events WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  }

  async count(manager: EntityManager): Promise<number> {
    const rows = await manager.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM outbox_events');
    return Number(rows[0]?.n ?? 0);
  }
}
