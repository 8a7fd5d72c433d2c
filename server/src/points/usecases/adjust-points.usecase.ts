import { Injectable } from '@nestjs/common';
import { LedgerEntryType } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { memberNotFound } from '../../common/errors/member-not-found';
import { MembersRepository } from '../../members/members.repository';
import { PointsLedger } from '../points-ledger';
import { invalidField } from '../../common/errors/invalid-field';

/** HQ's manual correction: a mandatory reason, audited with the balance before and after. */
@Injectable()
export class AdjustPointsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: PointsLedger,
    private readonly audit: AuditTrail,
    private readonly members: MembersRepository,
  ) {}

  async execute(staff: StaffPrincipal, memberId: number, delta: number, reason: string, requestId: string): Promise<{ balance: number }> {
    if (delta === 0) throw invalidField('delta', 'must not be 0');
    return this.tx.run(async (m) => {
      const member = await this.members.active(memberId, m);
      if (!member) throw memberNotFound(memberId);
      const source = { memberId, sourceType: 'adjustment', sourceId: null, staffId: staff.staffId, reason: `人工调整：${reason}` };
      const posting = delta > 0 ? await this.ledger.credit(m, LedgerEntryType.ADJUST, delta, source) : await this.ledger.debit(m, LedgerEntryType.ADJUST, -delta, source);
      await this.audit.record(m, { staff, requestId }, {
        action: 'points.adjust',
        targetType: 'member',
        targetId: memberId,
        summary: `会员 ${member.cardNo} 积分${delta > 0 ? '增加' : '扣减'} ${Math.abs(delta)}：${reason}`,
        before: { balance: member.pointsBalance },
        after: { balance: posting.balance },
      });
      return { balance: posting.balance };
    });
  }
}
