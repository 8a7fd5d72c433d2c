import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One refund of a purchase; `shortfall` is what could not be taken back because the member had spent it. */
@Entity('purchase_refunds')
export class PurchaseRefund {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_purchase_refunds_purchase')
  @Column({ name: 'purchase_id', type: 'int' })
  purchaseId: number;

  @Column({ name: 'amount_cents', type: 'int' })
  amountCents: number;

  @Column({ name: 'points_reversed', type: 'int' })
  pointsReversed: number;

  @Column({ type: 'int' })
  shortfall: number;

  @Column({ name: 'growth_reversed', type: 'int' })
  growthReversed: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
