import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Tiers are data: HQ edits names, thresholds and benefits without a release. */
@Entity('tiers')
export class Tier {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_tiers_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Index('uq_tiers_rank', { unique: true })
  @Column({ type: 'int' })
  rank: number;

  @Column({ name: 'entry_growth', type: 'int' })
  entryGrowth: number;

  @Column({ name: 'retain_growth', type: 'int' })
  retainGrowth: number;

  @Column({ name: 'discount_percent', type: 'int', default: 100 })
  discountPercent: number;

  /** Percent: 150 means points ×1.5 (integers keep the arithmetic exact). */
  @Column({ name: 'points_multiplier_pct', type: 'int', default: 100 })
  pointsMultiplierPct: number;

  @Column({ name: 'birthday_bonus_points', type: 'int', default: 0 })
  birthdayBonusPoints: number;

  @Column({ name: 'perks_json', type: 'text' })
  perksJson: string;

  @Column({ name: 'card_color', type: 'varchar', length: 16 })
  cardColor: string;
}
