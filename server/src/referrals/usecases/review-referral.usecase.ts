import { Injectable } from '@nestjs/common';
import { ReferralReview } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { ReferralPayout } from '../referral-payout';
import { ReferralsRepository } from '../referrals.repository';
import { ReferralsService } from '../referrals.service';
import { referralNotFlagged, referralNotFound } from '../referrals.errors';

type Decision = 'approve' | 'reject';

/** HQ decides a flagged referral: approving pays it (HQ's decision overrides the caps), rejecting closes it. Both are audited. */
@Injectable()
export class ReviewReferralUseCase {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly referrals: ReferralsService,
    private readonly payout: ReferralPayout,
    private readonly repository: ReferralsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async decide(staff: StaffPrincipal, referralId: number, decision: Decision, requestId: string): Promise<ReferralReview> {
    const rules = await this.referrals.rules();
    const now = this.clock.now();
    const target = decision === 'approve' ? 'approved' : 'rejected';
    return this.tx.run(async (m) => {
      const r = await this.repository.lock(m, referralId);
      if (!r) throw referralNotFound(referralId);
      // A repeated decision answers as the first did; the opposite decision is refused.
      if (r.state === target) return this.referrals.review(m, referralId);
      if (r.state !== 'flagged') throw referralNotFlagged(referralId, r.state);
      await this.repository.decide(m, referralId, { state: target, staffId: staff.staffId, at: now, rewardedDay: decision === 'approve' ? this.calendar.dateOf(now) : null });
      if (decision === 'approve') await this.payout.pay(m, { id: referralId, referrerId: r.referrerId, refereeId: r.refereeId }, rules);
      await this.audit.record(m, { staff, requestId }, {
        action: `referral.${decision}`,
        targetType: 'referral',
        targetId: referralId,
        summary: `${decision === 'approve' ? '通过' : '驳回'}邀请奖励审核（原因 ${r.flagReason ?? '—'}）`,
        before: { state: r.state, flagReason: r.flagReason },
        after: { state: target },
      });
      return this.referrals.review(m, referralId);
    });
  }
}
