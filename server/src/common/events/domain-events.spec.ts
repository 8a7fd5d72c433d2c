import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '../db/transaction-runner';
import { InProcessJobQueue } from '../queue/in-process-job-queue';
import { Clock } from '../time/clock';
import { DOMAIN_EVENTS, DomainEvents } from './domain-events';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';

describe('DomainEvents at start-up', () => {
  const queue = new InProcessJobQueue();
  const events = () => new DomainEvents(queue, new OutboxRelay({} as TransactionRunner, queue, new OutboxRepository(), { role: 'command' }), new Clock(), new OutboxRepository());
  afterAll(() => queue.close());

  it('refuses to start when an event that may be published has no handler', () => {
    const bus = events();
    bus.subscribe('member.joined', async () => {});
    expect(() => bus.onApplicationBootstrap()).toThrow(/no handler: member\.checked_in, purchase\.recorded/);
  });

  it('starts when every event has a handler', () => {
    const bus = events();
    for (const event of DOMAIN_EVENTS) bus.subscribe(event, async () => {});
    expect(() => bus.onApplicationBootstrap()).not.toThrow();
  });
});

describe('DomainEvents.publish', () => {
  const queue = new InProcessJobQueue();
  afterAll(() => queue.close());
  const manager = {} as EntityManager;
  const payload = { memberId: 7, entryId: 1, delta: 5, balance: 5, type: 'earn', sourceType: 'purchase', at: '2026-12-01T00:00:00.000Z' };

  function bus() {
    const written: string[] = [];
    const outbox = { insert: async (_m: EntityManager, event: string) => void written.push(event) } as unknown as OutboxRepository;
    const relay = { soon: () => undefined } as unknown as OutboxRelay;
    return { events: new DomainEvents(queue, relay, new Clock(), outbox), written };
  }

  it('writes an event whose handler has no condition', async () => {
    const { events, written } = bus();
    events.subscribe('points.changed', async () => {});
    await events.publish(manager, 'points.changed', payload);
    expect(written).toEqual(['points.changed']);
  });

  it('writes nothing when every handler declines the payload, and the event when one wants it', async () => {
    const { events, written } = bus();
    let on = false;
    events.subscribe('points.changed', async () => {}, { when: async ({ sourceType }) => on && sourceType !== 'expiry' });
    await events.publish(manager, 'points.changed', payload);
    on = true;
    await events.publish(manager, 'points.changed', { ...payload, sourceType: 'expiry' });
    expect(written).toEqual([]);
    await events.publish(manager, 'points.changed', payload);
    expect(written).toEqual(['points.changed']);
  });

  it('writes the event when any one of its handlers wants it', async () => {
    const { events, written } = bus();
    events.subscribe('points.changed', async () => {}, { when: () => false });
    events.subscribe('points.changed', async () => {});
    await events.publish(manager, 'points.changed', payload);
    expect(written).toEqual(['points.changed']);
  });
});
