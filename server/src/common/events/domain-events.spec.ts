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
