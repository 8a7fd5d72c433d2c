import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../queue/job-queue';
import { Clock } from '../time/clock';
import { OutboxRepository } from './outbox.repository';
import { OutboxRelay } from './outbox-relay';

export interface DomainEventMap {
  'member.joined': { memberId: number; referrerId: number | null; joinStoreId: number | null };
  'member.checked_in': { memberId: number; date: string };
  'purchase.recorded': { memberId: number; referrerId: number | null; purchaseId: number; storeId: number };
  'tag.added': { tagId: number; memberIds: number[] };
  'tag.removed': { tagId: number; memberIds: number[] };
  /** Every ledger posting: purchases, refunds, redemptions, check-ins, adjustments, expiry. */
  'points.changed': { memberId: number; entryId: number; delta: number; balance: number; type: string; sourceType: string; at: string };
  /** Upgrades as growth arrives, downgrades at evaluation. */
  'tier.changed': { memberId: number; fromTierId: number; toTierId: number; direction: 'up' | 'down'; at: string };
  /** Enough members' mini-programs reported 20005, the app banned from subscribe messages (AppBanWatch): campaigns stop sending. */
  'messaging.app_banned': { reason: string };
}

/** Every event that may be published; each must have a handler by the end of start-up. */
export const DOMAIN_EVENTS: ReadonlyArray<keyof DomainEventMap> = ['member.joined', 'member.checked_in', 'purchase.recorded', 'points.changed', 'tier.changed', 'messaging.app_banned'];

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void>;
/** Whether the handler would act on this payload; runs in the publisher's transaction (`manager`), so it answers from memory where it can. */
type Wanted<K extends keyof DomainEventMap> = (payload: DomainEventMap[K], manager: EntityManager) => boolean | Promise<boolean>;

/**
 * Cross-feature reactions. An event is written to the outbox in its cause's transaction, so it
 * exists exactly when its cause does; the relay then carries it to the queue, where a failure is
 * retried. Handlers must be idempotent: a retry runs every handler of the event again.
 * Subscribe in onModuleInit: at bootstrap an event nobody handles stops the start.
 */
@Injectable()
export class DomainEvents implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, Array<Handler<never>>>();
  /** Per event, each handler's `when` (null: it always wants the event). */
  private readonly wanted = new Map<string, Array<Wanted<never> | null>>();

  constructor(
    private readonly queue: JobQueue,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * `when`: an event that no handler wants is not written at all. A hot path's event that a switched-off
   * feature would only drop (points.changed with its automation off) then costs its publisher nothing.
   */
  subscribe<K extends keyof DomainEventMap>(event: K, handler: Handler<K>, options: { when?: Wanted<K> } = {}): void {
    this.wanted.set(event, [...(this.wanted.get(event) ?? []), (options.when as Wanted<never> | undefined) ?? null]);
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

  /** Whether anything listens: tag events go out only once a feature subscribes (the automations issue). */
  handles(event: keyof DomainEventMap): boolean {
    return this.handlers.has(event);
  }

  onApplicationBootstrap(): void {
    const unhandled = DOMAIN_EVENTS.filter((event) => !this.handlers.has(event));
    if (unhandled.length) throw new Error(`domain events published with no handler: ${unhandled.join(', ')} (subscribe in onModuleInit, or stop publishing them)`);
  }

  /** Inside the cause's transaction; relayed to the queue once it commits. */
  async publish<K extends keyof DomainEventMap>(manager: EntityManager, event: K, payload: DomainEventMap[K]): Promise<void> {
    if (!(await this.isWanted(manager, event, payload))) return;
    await this.outbox.insert(manager, event, payload, this.clock.now());
    this.relay.soon();
  }

  /** Many events of one kind from one transaction (a bulk import): one multi-row outbox write. */
  async publishMany<K extends keyof DomainEventMap>(manager: EntityManager, event: K, payloads: Array<DomainEventMap[K]>): Promise<void> {
    const wanted: Array<DomainEventMap[K]> = [];
    for (const payload of payloads) if (await this.isWanted(manager, event, payload)) wanted.push(payload);
    if (wanted.length === 0) return;
    await this.outbox.insertMany(manager, event, wanted, this.clock.now());
    this.relay.soon();
  }

  private async isWanted<K extends keyof DomainEventMap>(manager: EntityManager, event: K, payload: DomainEventMap[K]): Promise<boolean> {
    for (const when of (this.wanted.get(event) ?? [null]) as Array<Wanted<K> | null>) {
      if (when === null || (await when(payload, manager))) return true;
    }
    return false;
  }
}
