import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isRetryableTransactionError } from './db-errors';
import { SerialQueue } from './serial-queue';
import { currentTransactionScope } from './transaction-scope';

const MAX_ATTEMPTS = 5;

/**
 * The only way code opens a transaction. SQLite has one shared connection, so top-level
 * transactions are queued there; on MySQL deadlock victims are retried, which is safe because
 * the work function holds no state outside the transaction. A request's TransactionScope (an
 * Idempotency-Key's completion) commits with each of its transactions.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqliteQueue: SerialQueue | null;
  /** What each open transaction asked to run once it has committed. */
  private readonly commitHooks = new WeakMap<EntityManager, Array<() => void>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sqliteQueue = dataSource.options.type === 'better-sqlite3' ? new SerialQueue() : null;
  }

  get driver(): 'mysql' | 'sqlite' {
    return this.sqliteQueue ? 'sqlite' : 'mysql';
  }

  /**
   * A read outside any transaction: on MySQL straight to the pool (no BEGIN/COMMIT round trips);
   * on SQLite queued like a transaction, so it never runs inside another request's open one.
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqliteQueue) return this.sqliteQueue.run(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }

  async run<T>(effect: (manager: EntityManager) => Promise<T>): Promise<T> {
    const scope = currentTransactionScope();
    const work = scope
      ? async (manager: EntityManager) => {
          const result = await effect(manager);
          await scope.beforeCommit(manager, result);
          return result;
        }
      : effect;
    if (this.sqliteQueue) return this.sqliteQueue.run(() => this.transaction(work));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }

  /**
   * Runs after the transaction of `manager` commits (at once outside one): an in-memory cache
   * invalidated before the commit could be refilled from the old rows by a concurrent read.
   */
  afterCommit(manager: EntityManager, hook: () => void): void {
    const hooks = this.commitHooks.get(manager);
    if (hooks) hooks.push(hook);
    else hook();
  }

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let hooks: Array<() => void> = [];
    const result = await this.dataSource.transaction(async (manager) => {
      hooks = [];
      this.commitHooks.set(manager, hooks);
      return work(manager);
    });
    for (const hook of hooks) hook();
    return result;
  }
}
