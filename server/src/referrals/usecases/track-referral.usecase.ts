import { Injectable } from '@nestjs/common';
import { ReferralQualifyingEvent } from '@huiyuan/shared-types';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { JobQueue } from '../../common/queue/job-queue';
import { Clock } from '../../common/time/clock';
import { PurchasesRepository } from '../../purchases/purchases.repository';
import { releaseTime } from '../referral-rules';
import { ReferralsRepository } from '../referrals.repository';
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
    private readonly purchases: PurchasesRepository,
    private readonly repository: ReferralsRepository,
    private readonly queue: JobQueue,
  ) {}

  /** The referral row for a member who joined with a referrer; returns its id, or null if they have none. */
  async recordJoin(refereeId: number): Promise<number | null> {
    const referee = await this.tx.read((m) => this.repository.referee(refereeId, m));
    if (!referee || referee.referrerId === null) return null;
    if (referee.referralId !== null) return referee.referralId;
    const referrerId = referee.referrerId;
    try {
      return await this.tx.run((m) =>
        this.repository.insert(m, { referrerId, refereeId, state: 'joined', flagReason: null, purchaseId: null, releaseAt: null, rewardedDay: null, reviewedBy: null, joinedAt: referee.joinedAt, qualifiedAt: null, settledAt: null }),
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
      const purchase = purchaseId === null ? null : await this.purchases.refundState(m, purchaseId);
      if (purchaseId !== null && purchase?.memberId !== refereeId) return null;
      const releaseAt = releaseTime(rules, now, purchase?.purchasedAt ?? null);
      const state = purchase ? 'held' : 'qualified';
      return (await this.repository.qualify(m, referralId, { state, at: now, purchaseId, releaseAt })) ? releaseAt : null;
    });
    if (queued === null) return;
    // The sweep releases whatever this job does not (a lost job, a restart of the in-process queue).
    await this.queue.add<ReleaseJob>(RELEASE_JOB, { referralId }, { jobId: `${RELEASE_JOB}-${referralId}-${now.getTime()}`, delayMs: Math.max(0, queued.getTime() - now.getTime()), attempts: 5 });
  }
}
