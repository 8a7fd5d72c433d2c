import { ErrorCode, LedgerEntryType, StaffRole } from '@huiyuan/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import type { TransactionRunner } from '../../common/db/transaction-runner';
import { ManualClock } from '../../common/time/clock';
import type { GrowthSource, MemberAccountRepository } from '../../members/member-accounts.repository';
import type { PointsLedger, PostingSource } from '../../points/points-ledger';
import type { StoreScope } from '../../stores/store-scope';
import type { MemberStatsService } from '../../tags/member-stats.service';
import type { PurchaseRefund } from '../entities/purchase-refund.entity';
import type { Purchase } from '../entities/purchase.entity';
import type { PurchasesRepository } from '../purchases.repository';
import { RefundPurchaseUseCase } from './refund-purchase.usecase';

/** The refund policy against in-memory fakes: proportional reversal, the guard on the amount, shortfalls kept. */

const manager = {} as EntityManager;
const clerk: StaffPrincipal = { kind: 'staff', staffId: 3, role: StaffRole.CLERK, storeId: 1 } as StaffPrincipal;

class FakePurchases implements Pick<PurchasesRepository, 'find' | 'addRefunded' | 'insertRefund'> {
  readonly refunds: Array<Omit<PurchaseRefund, 'id'>> = [];
  constructor(private readonly purchase: Purchase) {}

  async find(id: number): Promise<Purchase | null> {
    return id === this.purchase.id ? { ...this.purchase } : null;
  }

  async addRefunded(_m: EntityManager, id: number, amountCents: number): Promise<boolean> {
    if (id !== this.purchase.id || this.purchase.refundedCents + amountCents > this.purchase.amountCents) return false;
    this.purchase.refundedCents += amountCents;
    return true;
  }

  async insertRefund(_m: EntityManager, refund: Omit<PurchaseRefund, 'id'>): Promise<number> {
    this.refunds.push(refund);
    return this.refunds.length;
  }
}

/** A balance that a refund debit takes from as far as it goes (allowShortfall), like the real ledger. */
class FakeLedger implements Pick<PointsLedger, 'debit' | 'balanceOf'> {
  readonly debits: Array<{ type: LedgerEntryType; asked: number; source: PostingSource }> = [];
  constructor(public balance: number) {}

  async debit(_m: EntityManager, type: LedgerEntryType, points: number, source: PostingSource) {
    const taken = Math.min(points, this.balance);
    this.balance -= taken;
    this.debits.push({ type, asked: points, source });
    return { entryId: this.debits.length, balance: this.balance, points: taken, shortfall: points - taken };
  }

  async balanceOf(): Promise<number> {
    return this.balance;
  }
}

function world(balance: number) {
  const purchase: Purchase = { id: 11, memberId: 7, storeId: 1, staffId: 3, orderNo: 'A-1', amountCents: 10_000, refundedCents: 0, points: 101, growth: 100, createdAt: new Date('2026-03-01T00:00:00Z') };
  const purchases = new FakePurchases(purchase);
  const ledger = new FakeLedger(balance);
  const growth: Array<{ memberId: number; amount: number; source: GrowthSource }> = [];
  const accounts: Pick<MemberAccountRepository, 'addGrowth'> = {
    addGrowth: async (_m, memberId, amount, source) => {
      growth.push({ memberId, amount, source });
      return { growth: 0, tier: {}, upgradedFrom: null } as Awaited<ReturnType<MemberAccountRepository['addGrowth']>>;
    },
  };
  const audited: string[] = [];
  const useCase = new RefundPurchaseUseCase(
    { run: (work) => work(manager) } as Pick<TransactionRunner, 'run'> as TransactionRunner,
    new ManualClock(new Date('2026-03-02T00:00:00Z')),
    ledger as unknown as PointsLedger,
    accounts as MemberAccountRepository,
    purchases as unknown as PurchasesRepository,
    { assertCovers: async () => undefined } as Pick<StoreScope, 'assertCovers'> as StoreScope,
    { record: async (_m, _ctx, entry) => void audited.push(entry.action) } as Pick<AuditTrail, 'record'> as AuditTrail,
    { refresh: async () => ({}) } as unknown as MemberStatsService,
  );
  return { useCase, purchase, purchases, ledger, growth, audited };
}

describe('RefundPurchaseUseCase (in-memory fakes)', () => {
  it('takes back points and growth in proportion to the amount refunded, and records the refund', async () => {
    const w = world(500);
    const result = await w.useCase.execute(clerk, 11, 5_000, 'req-1');
    expect(result).toEqual({ id: 1, purchaseId: 11, pointsReversed: 50, shortfall: 0, balance: 450 });
    expect(w.ledger.debits).toMatchObject([{ type: LedgerEntryType.REFUND, asked: 50, source: { memberId: 7, sourceType: 'refund', sourceId: '11' } }]);
    expect(w.growth).toEqual([{ memberId: 7, amount: -50, source: { type: 'refund', id: '11' } }]);
    expect(w.purchases.refunds).toMatchObject([{ purchaseId: 11, amountCents: 5_000, pointsReversed: 50, growthReversed: 50 }]);
    expect(w.audited).toEqual(['purchase.refund']);
  });

  it('takes back exactly what the purchase gave once it is refunded in full, whatever the rounding on the way', async () => {
    const w = world(500);
    for (const part of [3_333, 3_333, 3_334]) await w.useCase.execute(clerk, 11, part, 'req');
    expect(w.ledger.debits.reduce((sum, d) => sum + d.asked, 0)).toBe(101);
    expect(w.growth.reduce((sum, g) => sum - g.amount, 0)).toBe(100);
  });

  it('refuses more than is left to refund and takes nothing', async () => {
    const w = world(500);
    await w.useCase.execute(clerk, 11, 8_000, 'req-1');
    await expect(w.useCase.execute(clerk, 11, 2_001, 'req-2')).rejects.toMatchObject({ code: ErrorCode.REFUND_EXCEEDS_PURCHASE, details: { refundableCents: 2_000 } });
    expect(w.ledger.debits).toHaveLength(1);
    expect(w.purchases.refunds).toHaveLength(1);
  });

  it('records what could not be taken back when the points were already spent', async () => {
    const w = world(30);
    const result = await w.useCase.execute(clerk, 11, 10_000, 'req-1');
    expect(result).toMatchObject({ pointsReversed: 30, shortfall: 71, balance: 0 });
    expect(w.purchases.refunds[0]).toMatchObject({ pointsReversed: 30, shortfall: 71 });
  });

  it('answers an unknown purchase with PURCHASE_NOT_FOUND', async () => {
    const w = world(500);
    await expect(w.useCase.execute(clerk, 99, 100, 'req-1')).rejects.toMatchObject({ code: ErrorCode.PURCHASE_NOT_FOUND });
  });
});
