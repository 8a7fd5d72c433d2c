import type IORedis from 'ioredis';

/**
 * The global pace of subscribe-message sends (config.wechat.sendRatePerSecond). Sends are spaced
 * evenly, 1/rate apart, so no second ever carries more than the rate. It runs on real time, not the
 * Clock: it paces real requests, and tests move the Clock to expire tokens, not to skip waits.
 */
export interface SendRateLimiter {
  /** Resolves when this send may go. */
  acquire(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One process without Redis paces its own sends. */
export class LocalSendRateLimiter implements SendRateLimiter {
  private nextSlotUs = 0;
  private readonly intervalUs: number;

  constructor(
    ratePerSecond: number,
    private readonly nowUs: () => number = () => Number(process.hrtime.bigint() / 1000n),
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.intervalUs = 1_000_000 / ratePerSecond;
  }

  async acquire(): Promise<void> {
    const now = this.nowUs();
    const slot = Math.max(now, this.nextSlotUs);
    this.nextSlotUs = slot + this.intervalUs;
    if (slot > now) await this.wait(Math.ceil((slot - now) / 1000));
  }
}

// Reserves the next `count` free slots atomically on Redis's own clock, so every instance shares one pace.
const RESERVE_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local nextSlot = slot + tonumber(ARGV[1]) * tonumber(ARGV[2])
redis.call('SET', KEYS[1], string.format('%.0f', nextSlot), 'PX', math.ceil((nextSlot - now) / 1000) + 1000)
return math.floor(slot - now)`;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The sends that ask in the same turn of the event loop (a batch's, sent side by side) reserve their
 * slots in one round trip: consecutive slots, each send waiting for its own.
 */
export class RedisSendRateLimiter implements SendRateLimiter {
  private readonly intervalUs: number;
  private waiting: Waiter[] = [];

  constructor(
    private readonly redis: IORedis,
    private readonly key: string,
    ratePerSecond: number,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.intervalUs = 1_000_000 / ratePerSecond;
  }

  acquire(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.reserve());
    });
  }

  private async reserve(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    let firstWaitUs: number;
    try {
      firstWaitUs = Number(await this.redis.eval(RESERVE_SLOTS, 1, this.key, String(this.intervalUs), String(group.length)));
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const waitUs = firstWaitUs + i * this.intervalUs;
      if (waitUs > 0) void this.wait(Math.ceil(waitUs / 1000)).then(w.resolve);
      else w.resolve();
    });
  }
}
