import { Injectable } from '@nestjs/common';
import { ReferralQualifyingEvent } from '@huiyuan/shared-types';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { execute, fromSqlDate, insertRow, sqlDate } from '../../common/db/sql';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { JobQueue } from '../../common/queue/job-queue';
import { Clock } from '../../common/time/clock';
import { Referral } from '../entities/referral.entity';
import { PurchaseRefundState } from '../purchase-refund-state';
import { releaseTime } from '../referral-rules';
import { ReferralsService } from '../referrals.service';

export const RELEASE_JOB = 'referral.release';

export interface ReleaseJob {
  referralId: number;
}

/**
 * Follows a referred member from joining to the event the programme rewards. Driven by domain
 * events, which may arrive twice or out of order: every step is a no-op when already done.
 */
@Injectable()
export class TrackReferralUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly referrals: ReferralsService,
    private readonly purchases: PurchaseRefundState,
    private readonly queue: JobQueue,
  ) {}

  /** The referral row for a member who joined with a referrer; returns its id, or null if they have none. */
  async recordJoin(refereeId: number): Promise<number | null> {
    const rows = await this.tx.read((m) => m.query<Array<{ referrer_id: number | null; created_at: Date | string; referral_id: number | null }>>(
      'SELECT m.referrer_id, m.created_at, r.id AS referral_id FROM members m LEFT JOIN referrals r ON r.referee_id = m.id WHERE m.id = ?',
      [refereeId],
    ));
    const member = rows[0];
    if (!member || member.referrer_id === null) return null;
    if (member.referral_id !== null) return Number(member.referral_id);
    try {
      return await this.tx.run((m) =>
        insertRow(m, Referral, { referrerId: Number(member.referrer_id), refereeId, state: 'joined', flagReason: null, purchaseId: null, releaseAt: null, rewardedDay: null, reviewedBy: null, joinedAt: fromSqlDate(member.created_at), qualifiedAt: null, settledAt: null }),
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return this.recordJoin(refereeId);
    }
  }

  /** The friend reached `event`: if it is the one the programme rewards, the referral qualifies, held through the refund window for a purchase. */
  async qualify(refereeId: number, event: ReferralQualifyingEvent, purchaseId: number | null = null): Promise<void> {
    const rules = await this.referrals.rules();
    if (!rules.enabled || rules.qualifyingEvent !== event) return;
    const referralId = await this.recordJoin(refereeId);
    if (referralId === null) return;
    const now = this.clock.now();
    const queued = await this.tx.run(async (m) => {
      const purchase = purchaseId === null ? null : await this.purchases.find(m, purchaseId);
      if (purchaseId !== null && purchase?.memberId !== refereeId) return null;
      const releaseAt = releaseTime(rules, now, purchase?.purchasedAt ?? null);
      const state = purchase ? 'held' : 'qualified';
      const changed = await execute(m, "UPDATE referrals SET state = ?, qualified_at = ?, purchase_id = ?, release_at = ? WHERE id = ? AND state = 'joined'", [
        state,
        sqlDate(m, now),
        purchaseId,
        sqlDate(m, releaseAt),
        referralId,
      ]);
      return changed === 1 ? releaseAt : null;
    });
    if (queued === null) return;
    // The sweep releases whatever this job does not (a lost job, a restart of the in-process queue).
    await this.queue.add<ReleaseJob>(RELEASE_JOB, { referralId }, { jobId: `${RELEASE_JOB}-${referralId}-${now.getTime()}`, delayMs: Math.max(0, queued.getTime() - now.getTime()), attempts: 5 });
  }
}
