import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 核销: a coupon used at a store by a clerk; an undo keeps the row and marks it. */
@Entity('coupon_verifications')
@Index('ix_coupon_verifications_store_time', ['storeId', 'verifiedAt'])
@Index('ix_coupon_verifications_time', ['verifiedAt'])
export class CouponVerification {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_coupon_verifications_coupon')
  @Column({ name: 'coupon_id', type: 'int' })
  couponId: number;

  @Column({ name: 'store_id', type: 'int' })
  storeId: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3 })
  verifiedAt: Date;

  @Column({ name: 'undone_at', type: 'datetime', precision: 3, nullable: true })
  undoneAt: Date | null;

  @Column({ name: 'undone_by_staff_id', type: 'int', nullable: true })
  undoneByStaffId: number | null;
}
