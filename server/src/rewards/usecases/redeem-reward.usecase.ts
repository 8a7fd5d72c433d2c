import { Injectable } from '@nestjs/common';
import { LedgerEntryType, Redemption } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Outcome } from '../../common/http/outcome';
import { Clock } from '../../common/time/clock';
import { CouponIssuer } from '../../coupons/coupon-issuer';
import { MembersService } from '../../members/members.service';
import { PointsLedger } from '../../points/points-ledger';
import { Reward } from '../entities/reward.entity';
import { rewardLimitReached, rewardSoldOut } from '../rewards.errors';
import { RewardsRepository } from '../rewards.repository';
import { RewardsService } from '../rewards.service';

/**
 * Points for a coupon, all or nothing in one transaction: the per-member slot, the debit, the
 * coupon, and last the stock (the hottest row, so its lock is held only until COMMIT). Sold out
 * anywhere along the way rolls the debit back.
 */
@Injectable()
export class RedeemRewardUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly rewards: RewardsService,
    private readonly members: MembersService,
    private readonly ledger: PointsLedger,
    private readonly issuer: CouponIssuer,
    private readonly repository: RewardsRepository,
  ) {}

  async execute(memberId: number, rewardId: number): Promise<Outcome<Redemption>> {
    const member = await this.members.require(memberId);
    const reward = await this.rewards.requireRedeemable(rewardId, member.tierId);
    // Saves the sold-out crowd a transaction; the conditional update below is what decides.
    if (reward.stockLeft <= 0) throw rewardSoldOut(reward.title);
    const redemption = await this.tx.run(async (m) => {
      const redemptionId = await this.claim(m, reward, memberId);
      const source = { memberId, sourceType: 'redemption', sourceId: String(redemptionId), reason: `兑换 ${reward.title}` };
      const debit = await this.ledger.debit(m, LedgerEntryType.SPEND, reward.pointsPrice, source);
      const coupon = await this.issuer.issue(m, { templateId: reward.couponTemplateId, memberId, source: 'redemption', sourceId: String(redemptionId) });
      if (!(await this.repository.takeOne(m, reward.id))) throw rewardSoldOut(reward.title);
      return { coupon: { id: coupon.id, code: coupon.code, status: coupon.status, expiresAt: coupon.expiresAt.toISOString() }, balance: debit.balance };
    });
    return Outcome.first(redemption);
  }

  private async claim(m: EntityManager, reward: Reward, memberId: number): Promise<number> {
    const id = await this.repository.claim(m, { rewardId: reward.id, memberId, points: reward.pointsPrice, at: this.clock.now() }, reward.perMemberLimit);
    if (id === null) throw rewardLimitReached(reward.title, reward.perMemberLimit);
    return id;
  }
}
