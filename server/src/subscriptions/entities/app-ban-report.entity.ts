import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A member's mini-program reported 20005 (WeChat banned the app from subscribe messages): one row per
 * member, at their latest report, so a member reporting fifty times is still one member.
 */
@Entity('app_ban_reports')
@Index('ix_app_ban_reports_reported_at', ['reportedAt'])
export class AppBanReport {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'reported_at', type: 'datetime', precision: 3 })
  reportedAt: Date;
}
