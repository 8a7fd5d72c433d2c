import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@huiyuan/shared-types';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { DataSource, IsNull } from 'typeorm';
import { getPrincipal, principalScope } from '../auth/principal';
import { isDuplicateKeyError } from '../db/db-errors';
import { TransactionRunner } from '../db/transaction-runner';
import { AppError } from '../errors/app-error';
import { Outcome } from '../http/outcome';
import { Clock } from '../time/clock';
import { IdempotencyRecord } from './idempotency-record.entity';

/** A claim left by a crashed request may be taken over after this long. */
const STALE_CLAIM_MS = 60_000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Same key + same body → the stored first response (200); same key + another body → 422.
 * A key is claimed with a row before the handler runs, so two concurrent retries do not both act.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (!KEY_PATTERN.test(key)) {
      return throwError(
        () => new AppError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 _ . : -'),
      );
    }
    const scope = principalScope(getPrincipal(request));
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.claim(scope, key, hash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') return of(Outcome.repeat(claim.body));
        return next.handle().pipe(
          switchMap((body: unknown) => from(this.complete(claim.id, body)).pipe(switchMap(() => of(body)))),
          catchError((error: unknown) => from(this.release(claim.id)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  private async claim(scope: string, key: string, hash: string): Promise<{ kind: 'claimed'; id: number } | { kind: 'replay'; body: unknown }> {
    const repo = this.dataSource.getRepository(IdempotencyRecord);
    const now = this.clock.now();
    try {
      const result = await this.tx.run((m) =>
        m.getRepository(IdempotencyRecord).insert({ scope, idemKey: key, requestHash: hash, statusCode: null, responseBody: null, createdAt: now }),
      );
      return { kind: 'claimed', id: Number(result.identifiers[0]?.id) };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await repo.findOneByOrFail({ scope, idemKey: key });
    if (existing.requestHash !== hash) {
      throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request; use a new key');
    }
    if (existing.statusCode !== null) return { kind: 'replay', body: existing.responseBody === null ? null : JSON.parse(existing.responseBody) };
    const stale = now.getTime() - existing.createdAt.getTime() > STALE_CLAIM_MS;
    if (stale) {
      const taken = await this.tx.run((m) =>
        m.getRepository(IdempotencyRecord).update({ id: existing.id, statusCode: IsNull(), createdAt: existing.createdAt }, { createdAt: now }),
      );
      if (taken.affected === 1) return { kind: 'claimed', id: existing.id };
    }
    throw new AppError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'The first request with this Idempotency-Key is still being handled; retry shortly');
  }

  private async complete(id: number, body: unknown): Promise<void> {
    await this.tx.run((m) => m.getRepository(IdempotencyRecord).update({ id }, { statusCode: 200, responseBody: JSON.stringify((body instanceof Outcome ? body.value : body) ?? null) }));
  }

  private async release(id: number): Promise<void> {
    await this.tx.run((m) => m.getRepository(IdempotencyRecord).delete({ id }));
  }
}
