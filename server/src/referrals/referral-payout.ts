import { Injectable } from '@nestjs/common';
import { LedgerEntryType, ReferralRewardSpec, ReferralRules } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { CouponIssuer } from '../coupons/coupon-issuer';
import { MemberAccountRepository } from '../members/member-accounts.repository';
import { PointsLedger } from '../points/points-ledger';
import { ReferralRewardRole } from './entities/referral-reward.entity';
import { ReferralsRepository } from './referrals.repository';

export interface PayableReferral {
  id: number;
  referrerId: number;
  refereeId: number;
}

/**
 * Pays both sides of a referral inside the caller's transaction. The reward row's unique key
 * (referral, side) and the ledger's dedupe key each make a second payment fail the transaction.
 */
@Injectable()
export class ReferralPayout {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: PointsLedger,
    private readonly coupons: CouponIssuer,
    private readonly accounts: MemberAccountRepository,
    private readonly repository: ReferralsRepository,
  ) {}

  async pay(manager: EntityManager, referral: PayableReferral, rules: ReferralRules): Promise<void> {
    await this.paySide(manager, referral, 'referrer', referral.referrerId, rules.referrerReward, '邀请好友入会奖励');
    await this.paySide(manager, referral, 'referee', referral.refereeId, rules.refereeReward, '受邀入会奖励');
  }

  private async paySide(manager: EntityManager, referral: PayableReferral, role: ReferralRewardRole, memberId: number, spec: ReferralRewardSpec, reason: string): Promise<void> {
    const points = spec.points ?? 0;
    const couponTemplateId = spec.couponTemplateId ?? null;
    if (points === 0 && couponTemplateId === null) return;
    // A member who has since left gets nothing; the other side is still paid.
    if (!(await this.accounts.isActive(manager, memberId))) return;
    await this.repository.insertReward(manager, { referralId: referral.id, memberId, role, points, couponTemplateId, createdAt: this.clock.now() });
    if (points > 0) {
      await this.ledger.credit(manager, LedgerEntryType.EARN, points, { memberId, sourceType: 'referral', sourceId: String(referral.id), reason, dedupeKey: `referral:${referral.id}:${role}` });
    }
    // A template that cannot issue (switched off, sold out) fails the whole payment, which stays due and is retried: never half a reward.
    if (couponTemplateId !== null) await this.coupons.issue(manager, { templateId: couponTemplateId, memberId, source: 'referral', sourceId: String(referral.id) });
  }
}
