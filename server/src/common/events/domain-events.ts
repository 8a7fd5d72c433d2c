import { Injectable } from '@nestjs/common';
import { JobQueue } from '../queue/job-queue';

export interface DomainEventMap {
  'member.joined': { memberId: number; referrerId: number | null; joinStoreId: number | null };
  'member.checked_in': { memberId: number; date: string };
  'purchase.recorded': { memberId: number; referrerId: number | null; purchaseId: number; storeId: number };
  'tier.changed': { memberId: number; fromTierId: number; toTierId: number; reason: string };
  'tag.added': { tagId: number; memberIds: number[] };
  'tag.removed': { tagId: number; memberIds: number[] };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void>;

/**
 * Cross-feature reactions, published after commit and carried by the job queue so a crash
 * retries them. Handlers must be idempotent: a retry runs every handler of the event again.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<string, Array<Handler<never>>>();

  constructor(private readonly queue: JobQueue) {}

  subscribe<K extends keyof DomainEventMap>(event: K, handler: Handler<K>): void {
    const list = this.handlers.get(event);
    if (list) {
      list.push(handler as Handler<never>);
      return;
    }
    this.handlers.set(event, [handler as Handler<never>]);
    this.queue.register<DomainEventMap[K]>(`event:${event}`, async (payload) => {
      for (const h of this.handlers.get(event) ?? []) await (h as Handler<K>)(payload);
    });
  }

  handles(event: keyof DomainEventMap): boolean {
    return this.handlers.has(event);
  }

  async publish<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): Promise<void> {
    await this.queue.add(`event:${event}`, payload, { attempts: 5 });
  }
}
