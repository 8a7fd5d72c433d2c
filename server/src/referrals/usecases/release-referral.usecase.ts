import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReferralFlagReason, ReferralRules } from '@huiyuan/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { withNamedLock } from '../../common/db/named-lock';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { MembersRepository } from '../../members/members.repository';
import { PurchasesRepository } from '../../purchases/purchases.repository';
import { capReached } from '../referral-rules';
import { ReferralPayout } from '../referral-payout';
import { DueReferral, ReferralsRepository } from '../referrals.repository';
import { ReferralsService } from '../referrals.service';
import { TrackReferralUseCase } from './track-referral.usecase';

const SWEEP_BATCH = 200;

export type ReleaseOutcome = 'not_due' | 'rewarded' | 'flagged' | 'refunded';

/**
 * Pays a qualified referral once it is due, after the abuse checks: the friend is not an existing
 * member under another account (same unionid or phone), and the referrer is within the daily and
 * monthly caps. A failed check flags the referral for HQ instead of paying it.
 */
@Injectable()
export class ReleaseReferralUseCase {
  private readonly logger = new Logger('ReleaseReferral');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly referrals: ReferralsService,
    private readonly tracker: TrackReferralUseCase,
    private readonly purchases: PurchasesRepository,
    private readonly repository: ReferralsRepository,
    private readonly members: MembersRepository,
    private readonly payout: ReferralPayout,
    private readonly accounts: MemberAccountRepository,
  ) {}

  async release(referralId: number): Promise<ReleaseOutcome> {
    const rules = await this.referrals.rules();
    const now = this.clock.now();
    const today = this.calendar.dateOf(now);
    return this.tx.run(async (m) => {
      const referrerId = await this.repository.referrerOf(m, referralId);
      if (referrerId === null) return 'not_due';
      // The referrer's row lock makes the cap count and the payment one step for each referrer.
      await this.accounts.lock(m, referrerId);
      const r = await this.repository.lock(m, referralId);
      if (!r || (r.state !== 'qualified' && r.state !== 'held') || (r.releaseAt !== null && r.releaseAt > now)) return 'not_due';

      if (r.purchaseId !== null && (await this.purchases.refundState(m, r.purchaseId))?.fullyRefunded !== false) {
        // Refunded in full (or gone): nothing was bought, so the friend may qualify again with a later purchase.
        await this.repository.requalify(m, r.id);
        return 'refunded';
      }
      const flag = await this.abuse(m, r, rules, today);
      if (flag) {
        await this.repository.flag(m, r.id, flag, now);
        return 'flagged';
      }
      await this.repository.reward(m, r.id, today, now);
      await this.payout.pay(m, { id: r.id, referrerId: r.referrerId, refereeId: r.refereeId }, rules);
      return 'rewarded';
    });
  }

  /**
   * Releases every referral that is due and creates rows for referred members whose join event
   * was lost, so a lost job never means a lost reward. Runs on one instance at a time.
   */
  async sweep(): Promise<{ recorded: number; released: number }> {
    const done = await withNamedLock(this.dataSource, 'referrals:sweep', 0, async () => {
      const missing = await this.repository.refereesWithoutReferral(SWEEP_BATCH);
      const rules = await this.referrals.rules();
      for (const refereeId of missing) {
        await this.tracker.recordJoin(refereeId);
        if (rules.qualifyingEvent === 'join') await this.tracker.qualify(refereeId, 'join');
      }
      const due = await this.repository.dueBy(this.clock.now(), SWEEP_BATCH);
      let released = 0;
      for (const referralId of due) {
        try {
          if ((await this.release(referralId)) !== 'not_due') released++;
        } catch (error) {
          this.logger.error({ err: error, referralId }, 'referral release failed; the next sweep tries again');
        }
      }
      return { recorded: missing.length, released };
    });
    return done?.value ?? { recorded: 0, released: 0 };
  }

  private async abuse(m: EntityManager, r: DueReferral, rules: ReferralRules, today: string): Promise<ReferralFlagReason | null> {
    const shared = await this.members.sharedIdentity(m, r.refereeId);
    if (shared) return shared;
    const counts = await this.repository.rewardedCounts(m, r.referrerId, today);
    return capReached(rules, counts.today, counts.month);
  }
}
