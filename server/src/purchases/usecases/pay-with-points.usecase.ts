import { Injectable } from '@nestjs/common';
import { LedgerEntryType } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Outcome } from '../../common/http/outcome';
import { Member } from '../../members/entities/member.entity';
import { MembersService } from '../../members/members.service';
import { PointsLedger } from '../../points/points-ledger';
import { PointsRepository } from '../../points/points.repository';
import { orderPaidByAnotherMember } from '../purchases.errors';

export interface PointsPaymentResult {
  id: number;
  points: number;
  balance: number;
  duplicate: boolean;
}

/**
 * 积分抵扣 at the till: the member pays part of an order with points. The ledger's dedupe key
 * (store + order number) makes a retry or a second clerk deduct once.
 */
@Injectable()
export class PayWithPointsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly members: MembersService,
    private readonly ledger: PointsLedger,
    private readonly points: PointsRepository,
  ) {}

  async execute(staff: StaffPrincipal, input: { memberCode: string; points: number; orderNo: string }): Promise<Outcome<PointsPaymentResult>> {
    const dedupeKey = `pospay:${staff.storeId}:${input.orderNo}`;
    // As for a purchase: the member is read on the transaction's own connection.
    let member: Member | undefined;
    try {
      const posting = await this.tx.run(async (m) => {
        const payer = await this.members.resolve({ code: input.memberCode }, m);
        member = payer;
        return this.ledger.debit(m, LedgerEntryType.SPEND, input.points, { memberId: payer.id, sourceType: 'pos_payment', sourceId: input.orderNo, storeId: staff.storeId, staffId: staff.staffId, reason: `门店积分抵扣（订单 ${input.orderNo}）`, dedupeKey });
      });
      return Outcome.first({ id: posting.entryId, points: posting.points, balance: posting.balance, duplicate: false });
    } catch (error) {
      if (!isDuplicateKeyError(error) || !member) throw error;
      const first = await this.tx.read(() => this.points.entryByDedupeKey(dedupeKey));
      if (!first) throw error;
      const memberId = member.id;
      if (first.memberId !== memberId) throw orderPaidByAnotherMember(input.orderNo);
      return Outcome.repeat({ id: first.id, points: -first.delta, balance: await this.tx.run((m) => this.ledger.balanceOf(m, memberId)), duplicate: true });
    }
  }
}
