import { Injectable } from '@nestjs/common';
import { MemberSummary, StaffRole } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { StaffMember } from '../../staff/entities/staff-member.entity';
import { StaffRepository } from '../../staff/staff.repository';
import { StoreScope } from '../../stores/store-scope';
import { memberNotFound } from '../../common/errors/member-not-found';
import { MembersRepository } from '../members.repository';
import { MembersService } from '../members.service';
import { invalidField } from '../../common/errors/invalid-field';
import { storeClerkNotFound } from '../members.errors';

/** 维护人: the clerk who looks after a member. Managers assign it, and move a leaving clerk's members in bulk. */
@Injectable()
export class MaintainingClerkUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    private readonly members: MembersService,
    private readonly repository: MembersRepository,
    private readonly staff: StaffRepository,
  ) {}

  async assign(actor: StaffPrincipal, memberId: number, clerkId: number, requestId: string): Promise<MemberSummary> {
    await this.tx.run(async (m) => {
      const member = await this.repository.active(memberId, m);
      if (!member) throw memberNotFound(memberId);
      await this.scope.assertCovers(actor, member.joinStoreId, 'This member (joined at another store)');
      const clerk = await this.requireClerkInScope(m, actor, clerkId);
      await this.repository.setMaintainingClerk(m, memberId, clerk.id);
      await this.audit.record(m, { staff: actor, requestId, storeId: clerk.storeId }, {
        action: 'member.assign_clerk',
        targetType: 'member',
        targetId: memberId,
        summary: `会员 ${member.cardNo} 的维护人设为 ${clerk.displayName}`,
        before: { maintainingClerkId: member.maintainingClerkId },
        after: { maintainingClerkId: clerk.id },
      });
    });
    return this.members.summary(await this.members.require(memberId));
  }

  /** One statement moves them all, so a transfer is never half done. */
  async transfer(actor: StaffPrincipal, fromClerkId: number, toClerkId: number, requestId: string): Promise<{ moved: number }> {
    if (fromClerkId === toClerkId) throw invalidField('toClerkId', 'must differ from fromClerkId');
    return this.tx.run(async (m) => {
      const from = await this.requireClerkInScope(m, actor, fromClerkId);
      const to = await this.requireClerkInScope(m, actor, toClerkId);
      if (!to.active) throw invalidField('toClerkId', `${to.displayName} is no longer active`);
      const moved = await this.repository.transferMaintainingClerk(m, from.id, to.id);
      await this.audit.record(m, { staff: actor, requestId, storeId: from.storeId }, {
        action: 'member.transfer_clerk',
        targetType: 'staff',
        targetId: from.id,
        summary: `${from.displayName} 名下 ${moved} 位会员转给 ${to.displayName}`,
        before: { maintainingClerkId: from.id },
        after: { maintainingClerkId: to.id, moved },
      });
      return { moved };
    });
  }

  private async requireClerkInScope(m: EntityManager, actor: StaffPrincipal, staffId: number): Promise<StaffMember> {
    const clerk = await this.staff.find(staffId, m);
    if (!clerk || clerk.role === StaffRole.HQ_ADMIN) throw storeClerkNotFound(staffId);
    await this.scope.assertCovers(actor, clerk.storeId, `Staff member ${clerk.displayName}`);
    return clerk;
  }
}
