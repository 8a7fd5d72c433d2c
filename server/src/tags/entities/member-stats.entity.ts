import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per member, written in the transaction of each purchase, refund, check-in and coupon
 * verification (by arithmetic on a row counted today, by a recount otherwise), and recounted nightly
 * as the windows slide. The indexes cover the rule tags' and segments' range scans (each ends in
 * member_id, so a scan never reads the row). Every active member has a row (a join or an import
 * creates it, erasure removes it), so segments may start from this table.
 */
@Entity('member_stats')
// Segments: a range of last purchase with the split's columns, and every column a segment reads
// led by the tier, so a preview over stats, tier and store is one pass over one index (no row, no join).
@Index('ix_member_stats_last_purchase', ['lastPurchaseAt', 'tierId', 'joinStoreId', 'memberId'])
@Index('ix_member_stats_segment', ['tierId', 'joinStoreId', 'lastPurchaseAt', 'spend30dCents', 'spend90dCents', 'spend365dCents', 'purchases30d', 'purchases90d', 'purchases365d', 'birthdayMonth', 'memberId'])
@Index('ix_member_stats_spend_365d', ['spend365dCents', 'memberId'])
@Index('ix_member_stats_purchases_365d', ['purchases365d', 'memberId'])
@Index('ix_member_stats_birthday', ['birthdayMonth', 'tierId', 'joinStoreId', 'memberId'])
@Index('ix_member_stats_coupon', ['lastCouponUsedAt', 'memberId'])
// Birthday automations and care tasks look up the members whose next birthday is a given day.
@Index('ix_member_stats_next_birthday', ['nextBirthday', 'memberId'])
export class MemberStats {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'last_purchase_at', type: 'datetime', precision: 3, nullable: true })
  lastPurchaseAt: Date | null;

  @Column({ name: 'purchases_30d', type: 'int', default: 0 })
  purchases30d: number;

  @Column({ name: 'spend_30d_cents', type: 'int', default: 0 })
  spend30dCents: number;

  @Column({ name: 'purchases_90d', type: 'int', default: 0 })
  purchases90d: number;

  @Column({ name: 'spend_90d_cents', type: 'int', default: 0 })
  spend90dCents: number;

  @Column({ name: 'spend_prev_90d_cents', type: 'int', default: 0 })
  spendPrev90dCents: number;

  @Column({ name: 'purchases_365d', type: 'int', default: 0 })
  purchases365d: number;

  @Column({ name: 'spend_365d_cents', type: 'int', default: 0 })
  spend365dCents: number;

  @Column({ name: 'last_checkin_day', type: 'varchar', length: 10, nullable: true })
  lastCheckinDay: string | null;

  @Column({ name: 'last_coupon_used_at', type: 'datetime', precision: 3, nullable: true })
  lastCouponUsedAt: Date | null;

  @Column({ name: 'last_visit_at', type: 'datetime', precision: 3, nullable: true })
  lastVisitAt: Date | null;

  @Column({ name: 'birthday_month', type: 'int', nullable: true })
  birthdayMonth: number | null;

  @Column({ name: 'next_birthday', type: 'varchar', length: 10, nullable: true })
  nextBirthday: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  daypart: string | null;

  /** The last 12 months' purchases per daypart: a purchase moves the habit by arithmetic, with no recount. */
  @Column({ name: 'purchases_365d_morning', type: 'int', default: 0 })
  purchases365dMorning: number;

  @Column({ name: 'purchases_365d_noon', type: 'int', default: 0 })
  purchases365dNoon: number;

  @Column({ name: 'purchases_365d_afternoon', type: 'int', default: 0 })
  purchases365dAfternoon: number;

  @Column({ name: 'purchases_365d_evening', type: 'int', default: 0 })
  purchases365dEvening: number;

  @Column({ name: 'purchases_365d_night', type: 'int', default: 0 })
  purchases365dNight: number;

  @Column({ name: 'computed_day', type: 'varchar', length: 10 })
  computedDay: string;

  /**
   * Copies of the member's tier and join store, so a segment over stats and these reads member_stats
   * alone (no per-member join at a million members). Written in the transaction that moves them: the
   * stats refresh copies them from the member row, a tier change through MemberStatsService.
   */
  @Column({ name: 'tier_id', type: 'int' })
  tierId: number;

  @Column({ name: 'join_store_id', type: 'int', nullable: true })
  joinStoreId: number | null;
}
