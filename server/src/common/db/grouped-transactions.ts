import { EntityManager } from 'typeorm';
import { withoutTransactionScope } from './transaction-scope';

export interface GroupedTransactionsOptions<T> {
  /** Opens one transaction (TransactionRunner.run): a group commits or fails as a whole. */
  run: <R>(effect: (manager: EntityManager) => Promise<R>) => Promise<R>;
  /** Applies a group of items inside the given transaction, in their arrival order. */
  apply: (manager: EntityManager, items: T[]) => Promise<void>;
  /** Items in one transaction at most. */
  maxItems: number;
  /** How long the first item of a group waits for others to join it. */
  windowMs: number;
  /** Transactions open at once; items that arrive meanwhile wait and go together in the next. */
  concurrency: number;
}

interface Waiting<T> {
  item: T;
  arrivedAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for small writes that arrive as separate requests: items submitted within a few
 * milliseconds of each other, or while the transactions in flight run, share the next one, so a
 * burst costs a few transactions, not one each. Each submit resolves only
 * after the transaction holding its item committed, so nothing is acknowledged before it is stored.
 * When a group fails, each of its items is tried again in a transaction of its own: one item that
 * cannot be applied fails its own caller, not the others.
 */
export class GroupedTransactions<T> {
  private waiting: Array<Waiting<T>> = [];
  private running = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: GroupedTransactionsOptions<T>) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, arrivedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** A group goes once its first item has waited the window, or at once when it is full; never more than `concurrency` at a time. */
  private schedule(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const waited = performance.now() - this.waiting[0]!.arrivedAt;
      if (this.waiting.length >= this.options.maxItems || waited >= this.options.windowMs) {
        this.flush();
        continue;
      }
      // Outside the submitter's transaction scope: the group is not its request's alone.
      this.timer ??= withoutTransactionScope(() =>
        setTimeout(() => {
          this.timer = null;
          this.schedule();
        }, Math.ceil(this.options.windowMs - waited)),
      );
      return;
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.waiting.splice(0, this.options.maxItems);
    this.running++;
    // Started outside the submitter's scope, for the same reason.
    void withoutTransactionScope(() => this.commit(group)).finally(() => {
      this.running--;
      this.schedule();
    });
  }

  private async commit(group: Array<Waiting<T>>): Promise<void> {
    try {
      await this.options.run((m) => this.options.apply(m, group.map((w) => w.item)));
      for (const w of group) w.resolve();
      return;
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
    }
    for (const w of group) {
      try {
        await this.options.run((m) => this.options.apply(m, [w.item]));
        w.resolve();
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
