import { LocalSendRateLimiter } from './send-rate-limiter';

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
