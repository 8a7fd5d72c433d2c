import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock } from '../common/time/clock';
import { CouponsRepository } from './coupons.repository';

export const COUPON_EXPIRY_JOB = 'coupons-expire';
const EVERY_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Marks coupons past their end as expired. Readers already treat them as expired, so this only
 * tidies the status; it is idempotent and runs under a named lock.
 */
@Injectable()
export class CouponExpiryJob implements OnModuleInit {
  private readonly logger = new Logger('CouponExpiryJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
    private readonly repository: CouponsRepository,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: COUPON_EXPIRY_JOB, everyMs: EVERY_MS, run: () => this.run() });
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
