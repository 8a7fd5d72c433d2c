import type { CouponKind, CouponStoreScope } from '@huiyuan/shared-types';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a coupon is worth, when and where it is valid, and who may get how many. */
@Entity('coupon_templates')
export class CouponTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 8 })
  kind: CouponKind;

  @Column({ name: 'amount_cents', type: 'int', nullable: true })
  amountCents: number | null;

  @Column({ name: 'min_spend_cents', type: 'int', nullable: true })
  minSpendCents: number | null;

  /** 85 means pay 85% (8.5折). */
  @Column({ name: 'rate_percent', type: 'int', nullable: true })
  ratePercent: number | null;

  @Column({ name: 'cap_cents', type: 'int', nullable: true })
  capCents: number | null;

  @Column({ name: 'gift_description', type: 'varchar', length: 64, nullable: true })
  giftDescription: string | null;

  @Column({ name: 'validity_kind', type: 'varchar', length: 8 })
  validityKind: 'fixed' | 'relative';

  @Column({ name: 'valid_from', type: 'datetime', precision: 3, nullable: true })
  validFrom: Date | null;

  @Column({ name: 'valid_until', type: 'datetime', precision: 3, nullable: true })
  validUntil: Date | null;

  @Column({ name: 'valid_days', type: 'int', nullable: true })
  validDays: number | null;

  @Column({ name: 'starts_next_day', type: 'boolean', default: false })
  startsNextDay: boolean;

  @Column({ name: 'store_scope', type: 'varchar', length: 8 })
  storeScope: CouponStoreScope;

  /** Store or region ids for the 'listed' scope, as a JSON array. */
  @Column({ name: 'store_ids_json', type: 'text' })
  storeIdsJson: string;

  /** A store manager's own template: issued and valid in that store only. Null for HQ's. */
  @Column({ name: 'owner_store_id', type: 'int', nullable: true })
  ownerStoreId: number | null;

  /** Null means no cap; otherwise issued_count never passes it (conditional update). */
  @Column({ name: 'total_stock', type: 'int', nullable: true })
  totalStock: number | null;

  @Column({ name: 'issued_count', type: 'int', default: 0 })
  issuedCount: number;

  @Column({ name: 'per_member_limit', type: 'int', nullable: true })
  perMemberLimit: number | null;

  @Column({ name: 'per_member_daily_limit', type: 'int', nullable: true })
  perMemberDailyLimit: number | null;

  @Column({ name: 'min_tier_rank', type: 'int', nullable: true })
  minTierRank: number | null;

  @Column({ name: 'usage_notes', type: 'text' })
  usageNotes: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
