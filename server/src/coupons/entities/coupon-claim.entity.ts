import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A member's n-th coupon of a template within a period ('all' or a business date). The unique key
 * is what enforces per-member limits under concurrency: the (limit+1)-th claim cannot be inserted.
 */
@Entity('coupon_claims')
@Index('uq_coupon_claims_slot', ['templateId', 'memberId', 'period', 'seq'], { unique: true })
export class CouponClaim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  period: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'coupon_code', type: 'varchar', length: 16 })
  couponCode: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
