import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobQueue } from '../common/queue/job-queue';
import { Clock } from '../common/time/clock';
import { CouponsRepository } from './coupons.repository';

export const COUPON_EXPIRY_JOB = 'coupons.expire';
const EVERY_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Marks coupons past their end as expired. Readers already treat them as expired, so this only
 * tidies the status; it is idempotent and runs under a named lock, so every instance may schedule it.
 */
@Injectable()
export class CouponExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CouponExpiryJob');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly repository: CouponsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.register(COUPON_EXPIRY_JOB, () => this.run().then(() => undefined));
    // One job id per period: with Redis, instances scheduling the same period add it once.
    this.timer = setInterval(() => void this.queue.add(COUPON_EXPIRY_JOB, {}, { jobId: `${COUPON_EXPIRY_JOB}:${Math.floor(Date.now() / EVERY_MS)}` }), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<{ expired: number }> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:coupon-expiry', 0, () => this.expireDue());
    return outcome?.value ?? { expired: 0 };
  }

  private async expireDue(): Promise<{ expired: number }> {
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const ids = await this.repository.dueForExpiry(now, BATCH);
      if (ids.length === 0) break;
      expired += await this.tx.run((m) => this.repository.expire(m, ids, now));
      if (ids.length < BATCH) break;
    }
    if (expired > 0) this.logger.log(`marked ${expired} coupons expired`);
    return { expired };
  }
}
