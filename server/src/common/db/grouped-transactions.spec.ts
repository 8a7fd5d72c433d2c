import { EntityManager } from 'typeorm';
import { GroupedTransactions } from './grouped-transactions';

/** A fake TransactionRunner.run: records each transaction's items, commits after `commitMs`, fails when told to. */
function fakeRunner(commitMs = 5) {
  const committed: string[][] = [];
  let open = 0;
  let maxOpen = 0;
  const run = async <R>(effect: (m: EntityManager) => Promise<R>): Promise<R> => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    try {
      const seen: string[] = [];
      const result = await effect(seen as unknown as EntityManager);
      await new Promise((r) => setTimeout(r, commitMs));
      committed.push(seen);
      return result;
    } finally {
      open--;
    }
  };
  return { run, committed, maxOpen: () => maxOpen };
}

const apply = async (m: EntityManager, items: string[]) => {
  for (const item of items) {
    if (item.startsWith('bad')) throw new Error(`cannot apply ${item}`);
    (m as unknown as string[]).push(item);
  }
};

describe('GroupedTransactions', () => {
  it('items submitted together share one transaction, in arrival order, and resolve only after it committed', async () => {
    const tx = fakeRunner(0);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const run = async <R>(effect: (m: EntityManager) => Promise<R>) => tx.run(async (m) => {
      const result = await effect(m);
      await held;
      return result;
    });
    const groups = new GroupedTransactions<string>({ run, apply, maxItems: 100, concurrency: 2, windowMs: 5 });
    const resolved: string[] = [];
    const all = ['a', 'b', 'c', 'd'].map((x) => groups.submit(x).then(() => resolved.push(x)));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toEqual([]);
    release();
    await Promise.all(all);
    expect(tx.committed).toEqual([['a', 'b', 'c', 'd']]);
    expect(resolved).toEqual(['a', 'b', 'c', 'd']);
  });

  it('items arriving while the transactions in flight run wait for the next, which takes them all; groups never exceed maxItems', async () => {
    const tx = fakeRunner(0);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const run = async <R>(effect: (m: EntityManager) => Promise<R>) => tx.run(async (m) => {
      const result = await effect(m);
      if ((m as unknown as string[])[0] === 'a') await held;
      return result;
    });
    const groups = new GroupedTransactions<string>({ run, apply, maxItems: 3, concurrency: 1, windowMs: 0 });
    const first = groups.submit('a');
    const later = ['b', 'c', 'd', 'e'].map((x) => groups.submit(x));
    await new Promise((r) => setTimeout(r, 5));
    expect(tx.committed).toEqual([]);
    release();
    await Promise.all([first, ...later]);
    expect(tx.committed).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(tx.maxOpen()).toBe(1);
  });

  it('the first item waits the window for others to join it', async () => {
    const tx = fakeRunner(1);
    const groups = new GroupedTransactions<string>({ run: tx.run, apply, maxItems: 100, concurrency: 2, windowMs: 40 });
    const began = performance.now();
    let firstAt = 0;
    const first = groups.submit('a').then(() => (firstAt = performance.now() - began));
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([first, groups.submit('b')]);
    expect(tx.committed).toEqual([['a', 'b']]);
    expect(firstAt).toBeGreaterThanOrEqual(39);
  });

  it('a group that fails is tried again item by item: only the item that cannot be applied fails its caller', async () => {
    const tx = fakeRunner(1);
    const groups = new GroupedTransactions<string>({ run: tx.run, apply, maxItems: 100, concurrency: 2, windowMs: 5 });
    const results = await Promise.allSettled(['a', 'bad-1', 'c'].map((x) => groups.submit(x)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('cannot apply bad-1'));
    expect(tx.committed).toEqual([['a'], ['c']]);
  });
});
