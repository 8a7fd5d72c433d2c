import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Campaign messages claimed for a member in one business-calendar week: the weekly cap is a
 * conditional increment of this row, taken in the claim's transaction, so two campaigns sending to
 * the same member at once cannot both pass a cap of one. Given back when the send did not happen.
 */
@Entity('campaign_week_counts')
export class CampaignWeekCount {
  /** The week's start (Monday 00:00 in the business zone), as an instant; first in the key, so past weeks are pruned by range. */
  @PrimaryColumn({ name: 'week_start', type: 'datetime', precision: 3 })
  weekStart: Date;

  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  messages: number;
}
