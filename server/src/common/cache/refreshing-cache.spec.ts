import { RefreshingCache } from './refreshing-cache';

describe('RefreshingCache', () => {
  it('loads once for concurrent first reads, then serves stale values while refreshing in the background', async () => {
    let loads = 0;
    let release: (v: number) => void = () => undefined;
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const cache = new RefreshingCache(() => {
      loads++;
      return loads === 1 ? Promise.resolve(1) : new Promise<number>((r) => (release = r));
    }, 50);
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([1, 1]);
    expect(loads).toBe(1);
    now += 51;
    // Stale: answered at once with the old value while the second load is still pending.
    expect(await cache.get()).toBe(1);
    expect(loads).toBe(2);
    release(2);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get()).toBe(2);
    jest.restoreAllMocks();
  });

  it('waits for fresh data after invalidate', async () => {
    let n = 0;
    const cache = new RefreshingCache(async () => ++n, 60_000);
    expect(await cache.get()).toBe(1);
    cache.invalidate();
    expect(await cache.get()).toBe(2);
  });

  it('never keeps what a load begun before invalidate read', async () => {
    let rows = 'old';
    const pending: Array<(v: string) => void> = [];
    const cache = new RefreshingCache(() => {
      const seen = rows;
      return new Promise<string>((r) => pending.push(() => r(seen)));
    }, 60_000);
    const first = cache.get();
    // The change commits while the first load is still reading.
    rows = 'new';
    cache.invalidate();
    const second = cache.get();
    expect(pending).toHaveLength(2);
    pending[1]?.('');
    expect(await second).toBe('new');
    pending[0]?.('');
    expect(await first).toBe('old');
    expect(await cache.get()).toBe('new');
  });
});
