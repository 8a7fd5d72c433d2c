import type { CouponKind, CouponStatus } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One member's coupon. Title and face are copied at issue: a later template edit does not change a coupon already given. */
@Entity('coupons')
@Index('ix_coupons_member_status', ['memberId', 'status', 'id'])
@Index('ix_coupons_status_expiry', ['status', 'expiresAt'])
@Index('ix_coupons_used_at', ['usedAt'])
@Index('ix_coupons_created', ['createdAt'])
export class Coupon {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_coupons_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 8 })
  status: CouponStatus;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 8 })
  kind: CouponKind;

  @Column({ name: 'face_text', type: 'varchar', length: 64 })
  faceText: string;

  /** For settlement: the face value of a cash-off coupon. */
  @Column({ name: 'amount_cents', type: 'int', nullable: true })
  amountCents: number | null;

  /** redemption, staff, referral, automation… */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64, nullable: true })
  sourceId: string | null;

  @Column({ name: 'issued_store_id', type: 'int', nullable: true })
  issuedStoreId: number | null;

  @Column({ name: 'valid_from', type: 'datetime', precision: 3 })
  validFrom: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @Column({ name: 'used_store_id', type: 'int', nullable: true })
  usedStoreId: number | null;

  @Column({ name: 'used_by_staff_id', type: 'int', nullable: true })
  usedByStaffId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
