import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerEntryType } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock } from '../common/time/clock';
import { PointsLot } from './entities/points-lot.entity';
import { PointsLedger } from './points-ledger';
import { PointsRepository } from './points.repository';

const BATCH = 500;
export const POINTS_EXPIRY_JOB = 'points-expire';
/** Lots expire at any time of day; an hour late is the most a member sees them still counted. */
const EVERY_MS = 60 * 60_000;

/**
 * Expires due lots: one debit per member naming exactly those lots. Safe to run twice or on two
 * instances at once: it runs under a named lock, and an expired lot has nothing left to take.
 */
@Injectable()
export class PointsExpiryJob implements OnModuleInit {
  private readonly logger = new Logger('PointsExpiryJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly ledger: PointsLedger,
    private readonly clock: Clock,
    private readonly repository: PointsRepository,
    private readonly scheduler: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: POINTS_EXPIRY_JOB, everyMs: EVERY_MS, run: () => this.run() });
  }

  async run(): Promise<{ members: number; points: number }> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:points-expiry', 0, () => this.expireDue());
    return outcome?.value ?? { members: 0, points: 0 };
  }

  private async expireDue(): Promise<{ members: number; points: number }> {
    let members = 0;
    let points = 0;
    let afterId = 0;
    const now = this.clock.now();
    for (;;) {
      // Walks lots by id, so a member whose debit fails is skipped this run instead of retried forever.
      const due = await this.repository.dueLots(afterId, now, BATCH);
      if (due.length === 0) break;
      afterId = due[due.length - 1]?.id ?? afterId;
      const byMember = new Map<number, PointsLot[]>();
      for (const lot of due) byMember.set(lot.memberId, [...(byMember.get(lot.memberId) ?? []), lot]);
      for (const [memberId, lots] of byMember) {
        const total = lots.reduce((sum, l) => sum + l.remaining, 0);
        try {
          await this.tx.run((m) =>
            this.ledger.debit(m, LedgerEntryType.EXPIRE, total, { memberId, sourceType: 'expiry', sourceId: null, reason: '积分到期' }, { lotIds: lots.map((l) => l.id) }),
          );
          members++;
          points += total;
        } catch (error) {
          this.logger.error({ err: error, memberId }, 'could not expire points; will retry on the next run');
        }
      }
    }
    if (points > 0) this.logger.log(`expired ${points} points of ${members} members`);
    return { members, points };
  }
}
