import { Injectable, OnModuleInit } from '@nestjs/common';
import { LedgerEntryType } from '@huiyuan/shared-types';
import { TransactionRunner } from '../common/db/transaction-runner';
import { MemberLifecycle } from '../members/member-lifecycle';
import { PointsLedger } from './points-ledger';
import { PointsRepository } from './points.repository';

/** Points' part in a member's life: the welcome gift on joining, and the ledger in their data export. */
@Injectable()
export class WelcomePoints implements OnModuleInit {
  constructor(
    private readonly lifecycle: MemberLifecycle,
    private readonly ledger: PointsLedger,
    private readonly tx: TransactionRunner,
    private readonly repository: PointsRepository,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onJoined(async (manager, { memberId, storeId, returning }) => {
      const { welcomePoints } = await this.ledger.earningRules();
      if (welcomePoints <= 0 || returning) return;
      await this.ledger.credit(manager, LedgerEntryType.EARN, welcomePoints, { memberId, sourceType: 'welcome', sourceId: String(memberId), storeId, reason: '新会员入会礼', dedupeKey: `welcome:${memberId}` });
    });
    this.lifecycle.exportSection('pointsLedger', async (memberId) => {
      const ledger = await this.tx.read(() => this.repository.allEntries(memberId));
      return ledger.map((e) => ({ at: e.createdAt.toISOString(), delta: e.delta, balanceAfter: e.balanceAfter, type: e.type, reason: e.reason }));
    });
  }
}
