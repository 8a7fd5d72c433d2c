import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { execute, sqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock } from '../common/time/clock';

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
      const due: Array<{ id: number }> = await this.dataSource.query(
        `SELECT id FROM coupons WHERE status = 'active' AND expires_at <= ? ORDER BY id LIMIT ${BATCH}`,
        [sqlDate(this.dataSource.manager, now)],
      );
      if (due.length === 0) break;
      const ids = due.map((r) => Number(r.id));
      // The status guard leaves alone a coupon verified between the SELECT and this UPDATE.
      expired += await this.tx.run((m) => execute(m, `UPDATE coupons SET status = 'expired' WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'active' AND expires_at <= ?`, [...ids, sqlDate(m, now)]));
      if (due.length < BATCH) break;
    }
    if (expired > 0) this.logger.log(`marked ${expired} coupons expired`);
    return { expired };
  }
}
