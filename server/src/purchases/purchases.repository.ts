import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { execute, findRow, fromSqlDate, insertRow } from '../common/db/sql';
import { PurchaseRefund } from './entities/purchase-refund.entity';
import { Purchase } from './entities/purchase.entity';

/** What other features may know of a purchase: whose it is, when it was made, whether it was refunded in full. */
export interface PurchaseRefundState {
  memberId: number;
  purchasedAt: Date;
  fullyRefunded: boolean;
}

/** Every statement on `purchases` and `purchase_refunds`. */
@Injectable()
export class PurchasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The (store, order number) unique key refuses a second recording of one sale. */
  async insert(manager: EntityManager, purchase: Omit<Purchase, 'id'>): Promise<number> {
    return insertRow(manager, Purchase, purchase);
  }

  async find(id: number, manager: EntityManager = this.dataSource.manager): Promise<Purchase | null> {
    return findRow(manager, Purchase, { id });
  }

  async findByOrder(manager: EntityManager, storeId: number, orderNo: string): Promise<Purchase | null> {
    return findRow(manager, Purchase, { storeId, orderNo });
  }

  /** The conditional update is the guard: two refunds at once can never exceed the purchase. False when this one would. */
  async addRefunded(manager: EntityManager, id: number, amountCents: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE purchases SET refunded_cents = refunded_cents + ? WHERE id = ? AND refunded_cents + ? <= amount_cents', [amountCents, id, amountCents])) === 1;
  }

  async insertRefund(manager: EntityManager, refund: Omit<PurchaseRefund, 'id'>): Promise<number> {
    return insertRow(manager, PurchaseRefund, refund);
  }

  async refundState(manager: EntityManager, id: number): Promise<PurchaseRefundState | null> {
    const rows = await manager.query<Array<{ member_id: number; amount_cents: number; refunded_cents: number; created_at: Date | string }>>(
      'SELECT member_id, amount_cents, refunded_cents, created_at FROM purchases WHERE id = ?',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { memberId: Number(row.member_id), purchasedAt: fromSqlDate(row.created_at), fullyRefunded: Number(row.refunded_cents) >= Number(row.amount_cents) };
  }
}
