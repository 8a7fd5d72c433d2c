import { RefreshingCache } from './refreshing-cache';

describe('RefreshingCache', () => {
  it('loads once for concurrent first reads, then serves stale values while refreshing in the background', async () => {
    let loads = 0;
    let release: (v: number) => void = () => undefined;
    const cache = new RefreshingCache(() => {
      loads++;
      return loads === 1 ? Promise.resolve(1) : new Promise<number>((r) => (release = r));
    }, 0);
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([1, 1]);
    expect(loads).toBe(1);
    // Stale: answered at once with the old value while the second load is still pending.
    expect(await cache.get()).toBe(1);
    expect(loads).toBe(2);
    release(2);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get()).toBe(2);
  });

  it('waits for fresh data after invalidate', async () => {
    let n = 0;
    const cache = new RefreshingCache(async () => ++n, 60_000);
    expect(await cache.get()).toBe(1);
    cache.invalidate();
    expect(await cache.get()).toBe(2);
  });
});
