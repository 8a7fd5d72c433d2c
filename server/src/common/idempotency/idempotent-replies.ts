import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuthTokens } from '../auth/auth-tokens';
import { principalScope } from '../auth/principal';
import { isDuplicateKeyError } from '../db/db-errors';
import { TransactionRunner } from '../db/transaction-runner';
import { runInTransactionScope, withoutTransactionScope } from '../db/transaction-scope';
import { Outcome } from '../http/outcome';
import { Clock } from '../time/clock';
import { IdempotencyRepository } from './idempotency.repository';
import { idempotencyCompletedElsewhere, idempotencyInProgress, idempotencyKeyMalformed, idempotencyKeyReused } from './idempotency.errors';

/** A claim left by a crashed request may be taken over after this long. */
const STALE_CLAIM_MS = 60_000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
/**
 * Routes whose answer carries a secret (a token, a one-time password) take no Idempotency-Key: a
 * stored reply would keep the secret in clear and hand it to whoever replays the key. Each is safe
 * to repeat without one (a login, a join per openid, a username that is unique).
 */
const SECRET_REPLY_ROUTES = new Set(['/api/v1/auth/wechat', '/api/v1/members', '/api/v1/staff/sessions', '/api/v1/staff/me/password', '/api/v1/staff/staff', '/api/v1/staff/staff/:id/password-resets']);

type Claim = { kind: 'claimed'; id: number } | { kind: 'replay'; body: string };

interface ClaimState {
  id: number;
  /** The body stored by the last transaction that committed the effect, if one did. */
  committedBody: string | null;
  /** Set once the reply is sent: work the request left running is no longer its effect. */
  answered: boolean;
}

/**
 * Same key + same body → the stored first response (200); same key + another body → 422.
 * A key is claimed with a row before the handler runs, so two concurrent retries do not both act.
 * The claim is completed inside the handler's own transaction, with the use case's answer, so the
 * effect and the key's completion commit together: a retry after a crash at any point finds either
 * the completed key (and replays the answer) or no effect (and a claim it may take over once stale).
 * Fastify hooks rather than a Nest interceptor: a request without a key, nearly every one, then
 * costs a header check instead of an observable chain (a tenth of a purchase's CPU).
 */
@Injectable()
export class IdempotentReplies {
  private readonly claims = new WeakMap<FastifyRequest, ClaimState>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: AuthTokens,
    private readonly records: IdempotencyRepository,
  ) {}

  register(fastify: FastifyInstance): void {
    // Callback style: `done` runs the handler, so running it inside the scope hands the scope to the handler's transactions.
    fastify.addHook('preHandler', (request, reply, done) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || typeof key !== 'string' || SECRET_REPLY_ROUTES.has(request.routeOptions.url ?? '')) return done();
      if (!KEY_PATTERN.test(key)) return done(idempotencyKeyMalformed());
      const scope = this.scopeOf(request);
      // A token that does not verify is refused by the route's guard; there is nothing to replay.
      if (scope === null) return done();
      const hash = createHash('sha256')
        .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex');
      this.claim(scope, key, hash).then((claim) => {
        if (claim.kind === 'replay') {
          void reply.status(200).type('application/json; charset=utf-8').send(claim.body);
          return;
        }
        const state: ClaimState = { id: claim.id, committedBody: null, answered: false };
        this.claims.set(request, state);
        runInTransactionScope({ beforeCommit: (manager, result) => this.completeWithin(manager, state, result) }, () => done());
      }, done);
    });
    fastify.addHook('onSend', async (request, reply, payload) => {
      const state = this.claims.get(request);
      if (state === undefined) return payload;
      this.claims.delete(request);
      state.answered = true;
      const body = typeof payload === 'string' && payload !== '' ? payload : 'null';
      await withoutTransactionScope(async () => {
        if (reply.statusCode >= 400) await this.release(state.id);
        else if (state.committedBody !== body) await this.complete(state.id, body);
      });
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
      return { kind: 'claimed', id: await this.tx.run((m) => this.records.claim(m, { scope, key, requestHash: hash, at: now })) };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.tx.read((m) => this.records.find(m, scope, key));
    if (!existing) throw new Error(`idempotency key ${key} vanished after a duplicate-key error`);
    if (existing.requestHash !== hash) {
      throw idempotencyKeyReused();
    }
    if (existing.statusCode !== null) return { kind: 'replay', body: existing.responseBody ?? 'null' };
    // Still open: its request is running, or died before its effect committed (so running it now is the first run).
    const stale = now.getTime() - existing.createdAt.getTime() > STALE_CLAIM_MS;
    if (stale) {
      if (await this.tx.run((m) => this.records.takeOver(m, existing.id, existing.createdAt, now))) return { kind: 'claimed', id: existing.id };
    }
    throw idempotencyInProgress();
  }

  /** In the effect's transaction. The first completion must find the claim still open, or another run got there first. */
  private async completeWithin(manager: EntityManager, state: ClaimState, result: unknown): Promise<void> {
    if (state.answered) return;
    const body = JSON.stringify(result instanceof Outcome ? result.value : result) ?? 'null';
    if (state.committedBody === null) {
      if (!(await this.records.completeOpen(manager, state.id, body))) throw idempotencyCompletedElsewhere();
    } else {
      await this.records.complete(manager, state.id, body);
    }
    state.committedBody = body;
  }

  private async complete(id: number, body: string): Promise<void> {
    await this.tx.run((m) => this.records.complete(m, id, body));
  }

  /** A failed request frees its key, unless one of its transactions already committed an effect under it. */
  private async release(id: number): Promise<void> {
    await this.tx.run((m) => this.records.release(m, id));
  }
}
