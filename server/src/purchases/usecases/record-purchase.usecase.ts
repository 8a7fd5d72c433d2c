import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerEntryType, PurchaseResult } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { DomainEvents } from '../../common/events/domain-events';
import { Outcome } from '../../common/http/outcome';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { GrowthResult, MemberAccountRepository } from '../../members/member-accounts.repository';
import { MembersService } from '../../members/members.service';
import { PointsLedger } from '../../points/points-ledger';
import { TiersService } from '../../tiers/tiers.service';
import { MemberStatsService } from '../../tags/member-stats.service';
import { Member } from '../../members/entities/member.entity';
import { purchaseAward } from '../purchase-rules';
import { PurchasesRepository } from '../purchases.repository';
import { orderTakenByAnotherMember, purchaseWithoutMember } from '../purchases.errors';

export interface PurchaseRequestInput {
  memberCode?: string;
  cardNo?: string;
  amountCents: number;
  orderNo: string;
}

/**
 * A clerk records a sale: points by the programme's rule, growth, and an upgrade if earned, in one
 * transaction. The (store, order number) key makes a retry or a second clerk award once.
 */
@Injectable()
export class RecordPurchaseUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly members: MembersService,
    private readonly ledger: PointsLedger,
    private readonly tiers: TiersService,
    private readonly accounts: MemberAccountRepository,
    private readonly purchases: PurchasesRepository,
    private readonly events: DomainEvents,
    private readonly calendar: BusinessCalendar,
    private readonly memberStats: MemberStatsService,
  ) {}

  async execute(staff: StaffPrincipal, input: PurchaseRequestInput): Promise<Outcome<PurchaseResult>> {
    if (!input.memberCode && !input.cardNo) throw purchaseWithoutMember();
    const rules = await this.ledger.earningRules();
    const now = this.clock.now();
    // The member is read on the transaction's own connection before it writes: one connection per sale.
    let member: Member | undefined;
    try {
      // The answer is built inside the transaction: an Idempotency-Key stores it with the effect.
      const answer = async (m: EntityManager, buyer: Member, purchaseId: number, points: number, balance: number, growth: GrowthResult): Promise<PurchaseResult> => {
        // After the account's UPDATE: the member row is locked first, as every writer locks it.
        await this.memberStats.record(m, buyer.id, { kind: 'purchase', at: now, amountCents: input.amountCents });
        await this.events.publish(m, 'purchase.recorded', { memberId: buyer.id, referrerId: buyer.referrerId, purchaseId, storeId: staff.storeId });
        return {
          id: purchaseId,
          points,
          balance,
          growth: growth.growth,
          discountPercent: growth.tier.discountPercent,
          tier: { code: growth.tier.code, name: growth.tier.name },
          tierChanged: growth.upgradedFrom !== null,
          duplicate: false,
        };
      };
      const result = await this.tx.run(async (m) => {
        member = await this.members.resolve({ code: input.memberCode, cardNo: input.cardNo }, m);
        const tier = await this.tiers.byId(member.tierId);
        const award = purchaseAward(input.amountCents, rules, tier.pointsMultiplierPct, now, this.calendar.timeZone);
        const purchaseId = await this.purchases.insert(m, {
          memberId: member.id,
          storeId: staff.storeId,
          staffId: staff.staffId,
          orderNo: input.orderNo,
          amountCents: input.amountCents,
          refundedCents: 0,
          points: award.points,
          growth: award.growth,
          createdAt: now,
        });
        const reason = `消费 ¥${(input.amountCents / 100).toFixed(2)} 获得积分`;
        const growth = { amount: award.growth, source: { type: 'purchase', id: String(purchaseId) } };
        if (award.points === 0) {
          const progressed = await this.accounts.addGrowth(m, member.id, growth.amount, growth.source, { visitAt: now });
          return answer(m, member, purchaseId, award.points, await this.ledger.balanceOf(m, member.id), progressed);
        }
        const posting = await this.ledger.credit(
          m,
          LedgerEntryType.EARN,
          award.points,
          { memberId: member.id, sourceType: 'purchase', sourceId: String(purchaseId), storeId: staff.storeId, staffId: staff.staffId, reason },
          { growth, visitAt: now },
        );
        return answer(m, member, purchaseId, award.points, posting.balance, posting.growth);
      });
      return Outcome.first(result);
    } catch (error) {
      if (!isDuplicateKeyError(error) || !member) throw error;
      return Outcome.repeat(await this.existing(staff.storeId, input.orderNo, member.id));
    }
  }

  /** The same order again: answer with what the first recording gave, and say it was a duplicate. */
  private async existing(storeId: number, orderNo: string, memberId: number): Promise<PurchaseResult> {
    const { purchase, balance, growth, tierId } = await this.tx.run(async (m) => {
      const purchase = await this.purchases.findByOrder(m, storeId, orderNo);
      if (!purchase) throw new Error(`order ${orderNo} at store ${storeId} vanished after a duplicate-key error`);
      return { purchase, ...(await this.accounts.snapshot(m, purchase.memberId)) };
    });
    if (purchase.memberId !== memberId) {
      throw orderTakenByAnotherMember(orderNo);
    }
    const tier = await this.tiers.byId(tierId);
    return { id: purchase.id, points: purchase.points, balance, growth, discountPercent: tier.discountPercent, tier: { code: tier.code, name: tier.name }, tierChanged: false, duplicate: true };
  }
}
