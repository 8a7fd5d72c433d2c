import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fromSqlDate } from '../common/db/sql';

export interface PurchaseForReferral {
  memberId: number;
  purchasedAt: Date;
  fullyRefunded: boolean;
}

/**
 * What referrals need to know about a purchase: whose it is, when it was made, and whether it was
 * refunded in full. Read from the purchases feature's table, so referrals do not depend on its module.
 */
@Injectable()
export class PurchaseRefundState {
  async find(manager: EntityManager, purchaseId: number): Promise<PurchaseForReferral | null> {
    const rows = await manager.query<Array<{ member_id: number; amount_cents: number; refunded_cents: number; created_at: Date | string }>>(
      'SELECT member_id, amount_cents, refunded_cents, created_at FROM purchases WHERE id = ?',
      [purchaseId],
    );
    const row = rows[0];
    if (!row) return null;
    return { memberId: Number(row.member_id), purchasedAt: fromSqlDate(row.created_at), fullyRefunded: Number(row.refunded_cents) >= Number(row.amount_cents) };
  }
}
