import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@huiyuan/shared-types';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AuthTokens } from '../auth/auth-tokens';
import { principalScope } from '../auth/principal';
import { isDuplicateKeyError } from '../db/db-errors';
import { TransactionRunner } from '../db/transaction-runner';
import { AppError } from '../errors/app-error';
import { Clock } from '../time/clock';
import { IdempotencyRecord } from './idempotency-record.entity';

/** A claim left by a crashed request may be taken over after this long. */
const STALE_CLAIM_MS = 60_000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
/**
 * Routes whose answer carries a secret (a token, a one-time password) take no Idempotency-Key: a
 * stored reply would keep the secret in clear and hand it to whoever replays the key. Each is safe
 * to repeat without one (a login, a join per openid, a username that is unique).
 */
const SECRET_REPLY_ROUTES = new Set(['/api/v1/auth/wechat', '/api/v1/members', '/api/v1/staff/sessions', '/api/v1/staff/me/password', '/api/v1/staff/staff']);

type Claim = { kind: 'claimed'; id: number } | { kind: 'replay'; body: string };

/**
 * Same key + same body → the stored first response (200); same key + another body → 422.
 * A key is claimed with a row before the handler runs, so two concurrent retries do not both act.
 * Fastify hooks rather than a Nest interceptor: a request without a key, nearly every one, then
 * costs a header check instead of an observable chain (a tenth of a purchase's CPU).
 */
@Injectable()
export class IdempotentReplies {
  private readonly claims = new WeakMap<FastifyRequest, number>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: AuthTokens,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('preHandler', async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || typeof key !== 'string' || SECRET_REPLY_ROUTES.has(request.routeOptions.url ?? '')) return;
      if (!KEY_PATTERN.test(key)) throw new AppError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 _ . : -');
      const scope = this.scopeOf(request);
      // A token that does not verify is refused by the route's guard; there is nothing to replay.
      if (scope === null) return;
      const hash = createHash('sha256')
        .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex');
      const claim = await this.claim(scope, key, hash);
      if (claim.kind === 'claimed') {
        this.claims.set(request, claim.id);
        return;
      }
      return reply.status(200).type('application/json; charset=utf-8').send(claim.body);
    });
    fastify.addHook('onSend', async (request, reply, payload) => {
      const id = this.claims.get(request);
      if (id === undefined) return payload;
      this.claims.delete(request);
      if (reply.statusCode >= 400) await this.release(id);
      else await this.complete(id, typeof payload === 'string' && payload !== '' ? payload : 'null');
      return payload;
    });
  }

  private scopeOf(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return principalScope(undefined);
    try {
      return principalScope(this.tokens.verify(header.slice(7)));
    } catch {
      return null;
    }
  }

  private async claim(scope: string, key: string, hash: string): Promise<Claim> {
    const now = this.clock.now();
    try {
      const result = await this.tx.run((m) =>
        m.getRepository(IdempotencyRecord).insert({ scope, idemKey: key, requestHash: hash, statusCode: null, responseBody: null, createdAt: now }),
      );
      return { kind: 'claimed', id: Number(result.identifiers[0]?.id) };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.tx.read((m) => m.getRepository(IdempotencyRecord).findOneByOrFail({ scope, idemKey: key }));
    if (existing.requestHash !== hash) {
      throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request; use a new key');
    }
    if (existing.statusCode !== null) return { kind: 'replay', body: existing.responseBody ?? 'null' };
    const stale = now.getTime() - existing.createdAt.getTime() > STALE_CLAIM_MS;
    if (stale) {
      const taken = await this.tx.run((m) =>
        m.getRepository(IdempotencyRecord).update({ id: existing.id, statusCode: IsNull(), createdAt: existing.createdAt }, { createdAt: now }),
      );
      if (taken.affected === 1) return { kind: 'claimed', id: existing.id };
    }
    throw new AppError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'The first request with this Idempotency-Key is still being handled; retry shortly');
  }

  private async complete(id: number, body: string): Promise<void> {
    await this.tx.run((m) => m.getRepository(IdempotencyRecord).update({ id }, { statusCode: 200, responseBody: body }));
  }

  private async release(id: number): Promise<void> {
    await this.tx.run((m) => m.getRepository(IdempotencyRecord).delete({ id }));
  }
}
