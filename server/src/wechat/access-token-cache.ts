import { randomUUID } from 'node:crypto';
import type IORedis from 'ioredis';
import { SerialQueue } from '../common/db/serial-queue';
import { Clock } from '../common/time/clock';
import { WechatBusyError } from './wechat.errors';
import { WechatTokensRepository } from './wechat-tokens.repository';

export interface StoredAccessToken {
  token: string;
  expiresAt: Date;
}

export interface FetchedAccessToken {
  token: string;
  expiresInSeconds: number;
}

/** Where the one access token of an app lives, shared by every instance, and the lock its refresh takes. */
export interface AccessTokenStore {
  read(appId: string): Promise<StoredAccessToken | null>;
  write(appId: string, token: StoredAccessToken): Promise<void>;
  /** Null when the lock could not be had in time. */
  withRefreshLock<T>(appId: string, work: () => Promise<T>): Promise<{ value: T } | null>;
}

const LOCK_WAIT_MS = 10_000;

/**
 * For the sandbox: each server's in-app sandbox issues its own tokens, so sharing one through Redis
 * or a shared database would hand one server's token to another server's sandbox.
 */
export class MemoryAccessTokenStore implements AccessTokenStore {
  private readonly tokens = new Map<string, StoredAccessToken>();
  private readonly lock = new SerialQueue();

  async read(appId: string): Promise<StoredAccessToken | null> {
    return this.tokens.get(appId) ?? null;
  }

  async write(appId: string, token: StoredAccessToken): Promise<void> {
    this.tokens.set(appId, token);
  }

  async withRefreshLock<T>(_appId: string, work: () => Promise<T>): Promise<{ value: T }> {
    return { value: await this.lock.run(work) };
  }
}

export class DatabaseAccessTokenStore implements AccessTokenStore {
  constructor(
    private readonly rows: WechatTokensRepository,
    private readonly clock: Clock,
  ) {}

  read(appId: string): Promise<StoredAccessToken | null> {
    return this.rows.read(appId);
  }

  write(appId: string, token: StoredAccessToken): Promise<void> {
    return this.rows.write(appId, token.token, token.expiresAt, this.clock.now());
  }

  withRefreshLock<T>(appId: string, work: () => Promise<T>): Promise<{ value: T } | null> {
    return this.rows.withRefreshLock(appId, LOCK_WAIT_MS / 1000, work);
  }
}

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisAccessTokenStore implements AccessTokenStore {
  constructor(
    private readonly redis: IORedis,
    private readonly keyPrefix: string,
    private readonly clock: Clock,
  ) {}

  async read(appId: string): Promise<StoredAccessToken | null> {
    const raw = await this.redis.get(`${this.keyPrefix}access-token:${appId}`);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { token: string; expiresAt: string };
    return { token: parsed.token, expiresAt: new Date(parsed.expiresAt) };
  }

  async write(appId: string, token: StoredAccessToken): Promise<void> {
    const ttlMs = Math.max(1000, token.expiresAt.getTime() - this.clock.now().getTime());
    await this.redis.set(`${this.keyPrefix}access-token:${appId}`, JSON.stringify(token), 'PX', ttlMs);
  }

  async withRefreshLock<T>(appId: string, work: () => Promise<T>): Promise<{ value: T } | null> {
    const key = `${this.keyPrefix}access-token-lock:${appId}`;
    const owner = randomUUID();
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    // The lock expires on its own so a crashed holder cannot block refreshes for long.
    while ((await this.redis.set(key, owner, 'PX', 30_000, 'NX')) !== 'OK') {
      if (Date.now() >= giveUpAt) return null;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      return { value: await work() };
    } finally {
      await this.redis.eval(RELEASE_IF_OWNER, 1, key, owner);
    }
  }
}

/** A token is used until this close to its expiry, allowing for the time a call takes to reach WeChat. */
const EXPIRY_SKEW_MS = 5_000;

/**
 * The app's access token, fetched once for everyone: concurrent callers in this process share one
 * refresh, and instances take the store's lock and look again before fetching, so a burst of
 * callers holding an expired token causes one call to stable_token.
 */
export class AccessTokenCache {
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    private readonly appId: string,
    private readonly store: AccessTokenStore,
    private readonly clock: Clock,
    private readonly fetchToken: (forceRefresh: boolean) => Promise<FetchedAccessToken>,
  ) {}

  async current(): Promise<string> {
    const stored = await this.store.read(this.appId);
    if (stored && this.isUsable(stored)) return stored.token;
    return this.once('expired', () => this.refresh(null));
  }

  /** A token WeChat refused (40001/42001/40014): the next one, which another caller may already have fetched. */
  replace(rejected: string): Promise<string> {
    return this.once(`rejected:${rejected}`, () => this.refresh(rejected));
  }

  private once(key: string, work: () => Promise<string>): Promise<string> {
    const running = this.refreshing.get(key);
    if (running) return running;
    const started = work().finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, started);
    return started;
  }

  private async refresh(rejected: string | null): Promise<string> {
    const locked = await this.store.withRefreshLock(this.appId, async () => {
      const stored = await this.reusable(rejected);
      return stored ?? this.fetchAndStore(rejected);
    });
    if (locked) return locked.value;
    const stored = await this.reusable(rejected);
    if (stored) return stored;
    // Without force_refresh, stable_token answers the token WeChat currently holds, so fetching without the lock is harmless.
    if (rejected === null) return this.fetchAndStore(null);
    throw new WechatBusyError('stableToken', null, 'the access token refresh lock is held elsewhere');
  }

  private async reusable(rejected: string | null): Promise<string | null> {
    const stored = await this.store.read(this.appId);
    return stored && this.isUsable(stored) && stored.token !== rejected ? stored.token : null;
  }

  private async fetchAndStore(rejected: string | null): Promise<string> {
    let fetched = await this.fetchToken(false);
    // WeChat answers the same token while it considers it valid; only a force refresh replaces one it refused.
    // Force refreshes are rationed (20 a day), hence the plain call first.
    if (fetched.token === rejected) fetched = await this.fetchToken(true);
    const expiresAt = new Date(this.clock.now().getTime() + fetched.expiresInSeconds * 1000);
    await this.store.write(this.appId, { token: fetched.token, expiresAt });
    return fetched.token;
  }

  private isUsable(stored: StoredAccessToken): boolean {
    return stored.expiresAt.getTime() - EXPIRY_SKEW_MS > this.clock.now().getTime();
  }
}
