import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { tooManyRequests } from '../errors/common.errors';
import { REDIS } from '../queue/queue.module';
import { Clock } from '../time/clock';

export interface Hit {
  /** Hits in the current window, this one included. */
  count: number;
  windowEndsAt: Date;
}

/** A slow or absent Redis must not hold a login up: past this the instance counts on its own. */
const REDIS_TIMEOUT_MS = 250;
const MAX_LOCAL_KEYS = 50_000;

/**
 * Fixed-window counters, shared by all instances through Redis when REDIS_URL is set and kept in
 * memory otherwise (or while Redis is unreachable). The increment is atomic, so parallel requests
 * each get their own count: the sixth of thirty parallel guesses sees 6, never 5.
 */
@Injectable()
export class RateLimiter {
  private readonly local = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: IORedis | null,
  ) {}

  async hit(bucket: string, key: string, windowMs: number): Promise<Hit> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / windowMs);
    const windowEndsAt = new Date((window + 1) * windowMs);
    const id = `hy:rl:${bucket}:${key}`;
    const shared = await this.sharedHit(`${id}:${window}`, windowMs);
    if (shared !== null) return { count: shared, windowEndsAt };
    const entry = this.local.get(id);
    if (entry && entry.window === window) {
      entry.count += 1;
      return { count: entry.count, windowEndsAt };
    }
    if (this.local.size >= MAX_LOCAL_KEYS) this.prune(window);
    this.local.set(id, { window, count: 1 });
    return { count: 1, windowEndsAt };
  }

  async reset(bucket: string, key: string, windowMs: number): Promise<void> {
    const id = `hy:rl:${bucket}:${key}`;
    this.local.delete(id);
    if (this.redis?.status === 'ready') {
      await this.withTimeout(this.redis.del(`${id}:${Math.floor(this.clock.now().getTime() / windowMs)}`)).catch(() => null);
    }
  }

  private async sharedHit(key: string, windowMs: number): Promise<number | null> {
    if (this.redis?.status !== 'ready') return null;
    try {
      const replies = await this.withTimeout(this.redis.multi().incr(key).pexpire(key, windowMs * 2).exec());
      const count = replies?.[0]?.[1];
      return typeof count === 'number' ? count : null;
    } catch {
      return null;
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis timeout')), REDIS_TIMEOUT_MS).unref())]);
  }

  private prune(currentWindow: number): void {
    for (const [id, entry] of this.local) if (entry.window !== currentWindow) this.local.delete(id);
    if (this.local.size >= MAX_LOCAL_KEYS) this.local.clear();
  }
}

const RATE_LIMIT = 'huiyuan:rate-limit';
const MINUTE_MS = 60_000;

/** Unauthenticated routes that cost real work (bcrypt, a WeChat call, a new member) are limited per client address. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string | undefined>(RATE_LIMIT, context.getHandler());
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { count, windowEndsAt } = await this.limiter.hit(bucket, request.ip, MINUTE_MS);
    if (count > this.config.http.authRatePerMinute) throw tooManyRequests(windowEndsAt);
    return true;
  }
}

/** At most AUTH_RATE_LIMIT_PER_MINUTE requests per client address a minute; checked before the body is validated. */
export function RateLimit(bucket: string) {
  return applyDecorators(SetMetadata(RATE_LIMIT, bucket), UseGuards(RateLimitGuard));
}
