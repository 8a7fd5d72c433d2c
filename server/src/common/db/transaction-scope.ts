import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** Work a request asks to be done inside each transaction it commits, just before the commit. */
export interface TransactionScope {
  beforeCommit(manager: EntityManager, result: unknown): Promise<void>;
}

const scopes = new AsyncLocalStorage<TransactionScope>();

/** Runs `work` (and everything it awaits) with `scope` attached to its transactions. */
export function runInTransactionScope<T>(scope: TransactionScope, work: () => T): T {
  return scopes.run(scope, work);
}

export function currentTransactionScope(): TransactionScope | undefined {
  return scopes.getStore();
}

/** Runs `work` with no scope, e.g. the bookkeeping of the scope's owner itself. */
export function withoutTransactionScope<T>(work: () => T): T {
  return scopes.exit(work);
}
