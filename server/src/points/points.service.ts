import { Injectable } from '@nestjs/common';
import { ExpiringPoints, LedgerEntry, Page } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../common/auth/principal';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { memberNotFound } from '../common/errors/member-not-found';
import { MembersRepository } from '../members/members.repository';
import { StoreScope } from '../stores/store-scope';
import { PointsRepository } from './points.repository';

/** What members and automations read about points. */
@Injectable()
export class PointsService {
  constructor(
    private readonly repository: PointsRepository,
    private readonly members: MembersRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly scope: StoreScope,
  ) {}

  /** Newest first; the cursor is the last entry id seen. */
  async ledger(memberId: number, cursor: number | undefined, limit: number): Promise<Page<LedgerEntry>> {
    const rows = await this.tx.read(() => this.repository.entries(memberId, cursor, limit + 1));
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({ id: e.id, delta: e.delta, balanceAfter: e.balanceAfter, type: e.type, sourceType: e.sourceType, reason: e.reason, createdAt: e.createdAt.toISOString() })),
      nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
    };
  }

  /** A member's ledger for staff: HQ sees every member's, store staff those who joined in their stores (as for assigning a 维护人). */
  async staffLedger(staff: StaffPrincipal, memberId: number, cursor: number | undefined, limit: number): Promise<Page<LedgerEntry>> {
    const member = await this.tx.read(() => this.members.joinStoreOf(memberId));
    if (!member) throw memberNotFound(memberId);
    await this.scope.assertCovers(staff, member.joinStoreId, 'This member (joined at another store)');
    return this.ledger(memberId, cursor, limit);
  }

  /** The member's lots that expire soonest, grouped by expiry instant. */
  async expiringSoon(memberId: number, withinDays: number): Promise<ExpiringPoints[]> {
    const until = new Date(this.clock.now().getTime() + withinDays * 86_400_000);
    const lots = await this.tx.read(() => this.repository.expiringLots(memberId, until));
    const byExpiry = new Map<string, number>();
    for (const lot of lots) {
      const key = (lot.expiresAt as Date).toISOString();
      byExpiry.set(key, (byExpiry.get(key) ?? 0) + lot.remaining);
    }
    return [...byExpiry].map(([expiresAt, points]) => ({ expiresAt, points }));
  }

  /** For automations ("your points expire soon"): members with points expiring in the window, and how many. */
  async membersWithPointsExpiring(withinDays: number): Promise<Array<{ memberId: number; points: number; firstExpiry: Date }>> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + withinDays * 86_400_000);
    return this.repository.expiringByMember(now, until);
  }
}
