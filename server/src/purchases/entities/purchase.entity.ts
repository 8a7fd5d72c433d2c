import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A sale a clerk recorded for a member; (store, order number) is unique so a retry or a second clerk awards once. */
@Entity('purchases')
@Index('uq_purchases_store_order', ['storeId', 'orderNo'], { unique: true })
@Index('ix_purchases_member', ['memberId', 'createdAt'])
@Index('ix_purchases_store_time', ['storeId', 'createdAt'])
export class Purchase {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'store_id', type: 'int' })
  storeId: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @Column({ name: 'order_no', type: 'varchar', length: 64 })
  orderNo: string;

  @Column({ name: 'amount_cents', type: 'int' })
  amountCents: number;

  @Column({ name: 'refunded_cents', type: 'int', default: 0 })
  refundedCents: number;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'int' })
  growth: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
