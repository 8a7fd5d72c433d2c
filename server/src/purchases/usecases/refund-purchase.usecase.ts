import { Injectable } from '@nestjs/common';
import { LedgerEntryType, RefundResult } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { PointsLedger } from '../../points/points-ledger';
import { refundShare } from '../../points/points-rules';
import { StoreScope } from '../../stores/store-scope';
import { MemberStatsService } from '../../tags/member-stats.service';
import { purchaseNotFound, refundExceedsPurchase } from '../purchases.errors';
import { PurchasesRepository } from '../purchases.repository';

/**
 * Refund policy: points and growth come back in proportion to the amount refunded (rounded so the
 * refunds of a whole purchase take back exactly what it gave). Points the member already spent are
 * taken as far as the balance goes; the rest is recorded as the refund's shortfall, never dropped silently.
 */
@Injectable()
export class RefundPurchaseUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ledger: PointsLedger,
    private readonly accounts: MemberAccountRepository,
    private readonly purchases: PurchasesRepository,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    private readonly memberStats: MemberStatsService,
  ) {}

  async execute(staff: StaffPrincipal, purchaseId: number, amountCents: number, requestId: string): Promise<RefundResult> {
    const found = await this.purchases.find(purchaseId);
    if (!found) throw purchaseNotFound(purchaseId);
    await this.scope.assertCovers(staff, found.storeId, 'This purchase (made at another store)');
    return this.tx.run(async (m) => {
      const taken = await this.purchases.addRefunded(m, purchaseId, amountCents);
      const purchase = await this.purchases.find(purchaseId, m);
      if (!purchase) throw purchaseNotFound(purchaseId);
      if (!taken) throw refundExceedsPurchase(purchase.amountCents - purchase.refundedCents);
      const before = purchase.refundedCents - amountCents;
      const points = refundShare(purchase.points, purchase.amountCents, before, amountCents);
      const growth = refundShare(purchase.growth, purchase.amountCents, before, amountCents);
      const source = { memberId: purchase.memberId, sourceType: 'refund', sourceId: String(purchaseId), storeId: purchase.storeId, staffId: staff.staffId, reason: `退款 ¥${(amountCents / 100).toFixed(2)} 扣回积分` };
      const debit = points > 0 ? await this.ledger.debit(m, LedgerEntryType.REFUND, points, source, { allowShortfall: true }) : null;
      if (growth > 0) await this.accounts.addGrowth(m, purchase.memberId, -growth, { type: 'refund', id: String(purchaseId) });
      await this.memberStats.refresh(m, purchase.memberId);
      const refundId = await this.purchases.insertRefund(m, {
        purchaseId,
        amountCents,
        pointsReversed: debit?.points ?? 0,
        shortfall: debit?.shortfall ?? 0,
        growthReversed: growth,
        staffId: staff.staffId,
        createdAt: this.clock.now(),
      });
      await this.audit.record(m, { staff, requestId, storeId: purchase.storeId }, {
        action: 'purchase.refund',
        targetType: 'purchase',
        targetId: purchaseId,
        summary: `订单 ${purchase.orderNo} 退款 ¥${(amountCents / 100).toFixed(2)}，扣回积分 ${debit?.points ?? 0}${debit?.shortfall ? `，欠扣 ${debit.shortfall}` : ''}`,
        after: { refundedCents: purchase.refundedCents, pointsReversed: debit?.points ?? 0, shortfall: debit?.shortfall ?? 0 },
      });
      return { id: refundId, purchaseId, pointsReversed: debit?.points ?? 0, shortfall: debit?.shortfall ?? 0, balance: debit?.balance ?? (await this.ledger.balanceOf(m, purchase.memberId)) };
    });
  }
}
