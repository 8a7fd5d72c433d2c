import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An item of the points mall: a coupon template priced in points, with its own stock. */
@Entity('rewards')
@Index('ix_rewards_listing', ['active', 'sortOrder', 'id'])
export class Reward {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'image_url', type: 'varchar', length: 255, nullable: true })
  imageUrl: string | null;

  @Column({ name: 'points_price', type: 'int' })
  pointsPrice: number;

  @Column({ name: 'coupon_template_id', type: 'int' })
  couponTemplateId: number;

  @Column({ name: 'stock_total', type: 'int' })
  stockTotal: number;

  /** Only ever lowered by `stock_left - 1 WHERE stock_left > 0`, so redemptions never pass the stock. */
  @Column({ name: 'stock_left', type: 'int' })
  stockLeft: number;

  /** 0 means no limit. */
  @Column({ name: 'per_member_limit', type: 'int', default: 0 })
  perMemberLimit: number;

  @Column({ name: 'min_tier_rank', type: 'int', nullable: true })
  minTierRank: number | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  @Column({ name: 'on_at', type: 'datetime', precision: 3, nullable: true })
  onAt: Date | null;

  @Column({ name: 'off_at', type: 'datetime', precision: 3, nullable: true })
  offAt: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
