import { BirthdayCalendar, Gender } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Segments scan this instead of the wide rows: every member column a segment may name, in id order
 * (so the join to member_stats walks both tables in key order). Segments count a million members.
 */
@Entity('members')
@Index('ix_members_segment', ['status', 'id', 'tierId', 'joinStoreId', 'createdAt', 'pointsBalance', 'growth', 'phoneLast4', 'ruleTags'])
// The staff member list's sort orders (active members, then the column, then id for stable pages):
// a page is read off the index instead of sorting every member.
@Index('ix_members_list_joined', ['status', 'createdAt', 'id'])
@Index('ix_members_list_points', ['status', 'pointsBalance', 'id'])
@Index('ix_members_list_visit', ['status', 'lastVisitAt', 'id'])
@Index('ix_members_created', ['createdAt'])
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null once the member deleted their account: the row stays so ledgers keep adding up. */
  @Index('uq_members_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Index('ix_members_unionid')
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Index('uq_members_card_no', { unique: true })
  @Column({ name: 'card_no', type: 'varchar', length: 16 })
  cardNo: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  nickname: string | null;

  @Column({ type: 'varchar', length: 8, default: 'unknown' })
  gender: Gender;

  @Column({ name: 'birthday_calendar', type: 'varchar', length: 8, nullable: true })
  birthdayCalendar: BirthdayCalendar | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ name: 'birth_month', type: 'int', nullable: true })
  birthMonth: number | null;

  @Column({ name: 'birth_day', type: 'int', nullable: true })
  birthDay: number | null;

  /** The solar MM-DD of this year's birthday (a lunar birthday moves), refreshed each year: birthday automations query it. */
  @Index('ix_members_birthday_solar')
  @Column({ name: 'birthday_solar_mmdd', type: 'varchar', length: 5, nullable: true })
  birthdaySolarMmdd: string | null;

  @Column({ name: 'phone_cipher', type: 'varchar', length: 128, nullable: true })
  phoneCipher: string | null;

  /** Keyed hash of the phone number: staff look-ups by phone without decrypting every row. */
  @Index('ix_members_phone_hash')
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  @Column({ name: 'phone_last4', type: 'varchar', length: 4, nullable: true })
  phoneLast4: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  region: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  occupation: string | null;

  @Column({ name: 'tier_id', type: 'int' })
  tierId: number;

  @Column({ name: 'points_balance', type: 'int', default: 0 })
  pointsBalance: number;

  @Column({ type: 'int', default: 0 })
  growth: number;

  @Index('ix_members_join_store')
  @Column({ name: 'join_store_id', type: 'int', nullable: true })
  joinStoreId: number | null;

  @Index('ix_members_referrer')
  @Column({ name: 'referrer_id', type: 'int', nullable: true })
  referrerId: number | null;

  @Index('uq_members_referral_code', { unique: true })
  @Column({ name: 'referral_code', type: 'varchar', length: 8 })
  referralCode: string;

  /** Per-member key of the dynamic member code. */
  @Column({ name: 'code_secret', type: 'varchar', length: 64 })
  codeSecret: string;

  @Index('ix_members_clerk')
  @Column({ name: 'maintaining_clerk_id', type: 'int', nullable: true })
  maintainingClerkId: number | null;

  @Column({ name: 'consent_version', type: 'varchar', length: 16 })
  consentVersion: string;

  @Column({ name: 'consented_at', type: 'datetime', precision: 3 })
  consentedAt: Date;

  @Column({ name: 'last_visit_at', type: 'datetime', precision: 3, nullable: true })
  lastVisitAt: Date | null;

  @Column({ type: 'varchar', length: 8, default: 'active' })
  status: 'active' | 'deleted';

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /**
   * The member's fixed rule tags as bits (`ruleTagBit` in tags/rule-tags.ts): a copy of their
   * member_tags rows that the tags feature writes in the same statement batch, so a segment naming a
   * rule tag tests a bit in ix_members_segment instead of joining member_tags per member.
   */
  @Column({ name: 'rule_tags', type: 'int', default: 0 })
  ruleTags: number;
}
