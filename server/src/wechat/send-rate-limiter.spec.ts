import type IORedis from 'ioredis';
import { LocalSendRateLimiter, RedisSendRateLimiter } from './send-rate-limiter';

describe('LocalSendRateLimiter', () => {
  it('spaces sends 1/rate apart, so no second carries more than the rate', async () => {
    let nowUs = 1_000_000;
    const sentAtUs: number[] = [];
    const limiter = new LocalSendRateLimiter(
      4,
      () => nowUs,
      async (ms) => {
        nowUs += ms * 1000;
      },
    );
    for (let i = 0; i < 9; i++) {
      await limiter.acquire();
      sentAtUs.push(nowUs);
    }
    expect(sentAtUs.map((at) => (at - 1_000_000) / 1000)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('does not make a send wait after a quiet spell', async () => {
    let nowUs = 0;
    const waits: number[] = [];
    const limiter = new LocalSendRateLimiter(
      10,
      () => nowUs,
      async (ms) => {
        waits.push(ms);
      },
    );
    await limiter.acquire();
    nowUs += 5_000_000;
    await limiter.acquire();
    expect(waits).toEqual([]);
  });

  it('makes concurrent callers queue behind one another', async () => {
    const limiter = new LocalSendRateLimiter(50);
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => limiter.acquire()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('RedisSendRateLimiter', () => {
  /** Redis's side of the script: the next free slot, on a clock the test holds still. */
  function fakeRedis() {
    const nowUs = 5_000_000;
    let nextSlotUs = 0;
    const calls: number[] = [];
    const redis = {
      eval: async (_script: string, _keys: number, _key: string, intervalUs: string, count: string) => {
        calls.push(Number(count));
        const slot = Math.max(nowUs, nextSlotUs);
        nextSlotUs = slot + Number(intervalUs) * Number(count);
        return slot - nowUs;
      },
    };
    return { redis: redis as unknown as IORedis, calls };
  }

  it('sends asking together reserve consecutive slots in one round trip, each waiting for its own', async () => {
    const { redis, calls } = fakeRedis();
    const waits: number[] = [];
    const limiter = new RedisSendRateLimiter(redis, 'pace', 4, async (ms) => {
      waits.push(ms);
    });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    expect(calls).toEqual([5]);
    expect(waits).toEqual([250, 500, 750, 1000]);
    // The next batch queues behind the slots already taken.
    await Promise.all(Array.from({ length: 2 }, () => limiter.acquire()));
    expect(calls).toEqual([5, 2]);
    expect(waits.slice(4)).toEqual([1250, 1500]);
  });

  it('a failed round trip fails every send that was waiting on it', async () => {
    const redis = { eval: async () => Promise.reject(new Error('redis down')) } as unknown as IORedis;
    const limiter = new RedisSendRateLimiter(redis, 'pace', 4);
    const results = await Promise.allSettled([limiter.acquire(), limiter.acquire()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
