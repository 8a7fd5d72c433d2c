import { ManualClock } from '../common/time/clock';
import { AccessTokenCache, FetchedAccessToken, MemoryAccessTokenStore } from './access-token-cache';

/** Stands for WeChat's stable_token: the same token until it expires or is force-refreshed. */
function fakeWechat(clock: ManualClock) {
  let current: { token: string; expiresAt: number } | null = null;
  let issued = 0;
  const calls: boolean[] = [];
  const fetch = async (force: boolean): Promise<FetchedAccessToken> => {
    calls.push(force);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (force || !current || current.expiresAt <= clock.now().getTime()) {
      current = { token: `token-${++issued}`, expiresAt: clock.now().getTime() + 7_200_000 };
    }
    return { token: current.token, expiresInSeconds: Math.floor((current.expiresAt - clock.now().getTime()) / 1000) };
  };
  return { fetch, calls };
}

describe('AccessTokenCache', () => {
  const clock = new ManualClock(new Date('2024-05-01T00:00:00Z'));

  it('lets 50 concurrent callers share one fetch, and the next ones use the stored token', async () => {
    const wechat = fakeWechat(clock);
    const cache = new AccessTokenCache('wxapp', new MemoryAccessTokenStore(), clock, wechat.fetch);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.current()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    await expect(cache.current()).resolves.toBe('token-1');
    expect(wechat.calls).toEqual([false]);
  });

  it('fetches again once the token is about to expire', async () => {
    const wechat = fakeWechat(clock);
    const cache = new AccessTokenCache('wxapp', new MemoryAccessTokenStore(), clock, wechat.fetch);
    await cache.current();
    clock.advance(7_200_000);
    await expect(cache.current()).resolves.toBe('token-2');
    expect(wechat.calls).toEqual([false, false]);
  });

  it('replaces a rejected token with a force refresh only when WeChat still answers the same one', async () => {
    const wechat = fakeWechat(clock);
    const cache = new AccessTokenCache('wxapp', new MemoryAccessTokenStore(), clock, wechat.fetch);
    const first = await cache.current();
    const replaced = await Promise.all(Array.from({ length: 20 }, () => cache.replace(first)));
    expect(new Set(replaced)).toEqual(new Set(['token-2']));
    expect(wechat.calls).toEqual([false, false, true]);
  });

  it('does not fetch for a rejected token that another caller already replaced', async () => {
    const wechat = fakeWechat(clock);
    const store = new MemoryAccessTokenStore();
    const cache = new AccessTokenCache('wxapp', store, clock, wechat.fetch);
    const otherInstance = new AccessTokenCache('wxapp', store, clock, wechat.fetch);
    const first = await cache.current();
    await otherInstance.replace(first);
    const callsBefore = wechat.calls.length;
    await expect(cache.replace(first)).resolves.toBe('token-2');
    expect(wechat.calls.length).toBe(callsBefore);
  });

  it('lets a failed fetch reach every waiting caller and tries afresh on the next call', async () => {
    let fail = true;
    const cache = new AccessTokenCache('wxapp', new MemoryAccessTokenStore(), clock, async () => {
      if (fail) throw new Error('WeChat down');
      return { token: 'late', expiresInSeconds: 7200 };
    });
    const results = await Promise.allSettled([cache.current(), cache.current()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(cache.current()).resolves.toBe('late');
  });
});
