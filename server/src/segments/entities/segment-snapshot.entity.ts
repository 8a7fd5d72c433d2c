import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A segment's members frozen at a moment, so a campaign reaches exactly the audience it was shown. */
@Entity('segment_snapshots')
@Index('ix_segment_snapshots_segment', ['segmentId', 'id'])
export class SegmentSnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'segment_id', type: 'int' })
  segmentId: number;

  @Column({ name: 'rules_json', type: 'text' })
  rulesJson: string;

  @Column({ name: 'member_count', type: 'int' })
  memberCount: number;

  @Column({ name: 'taken_by', type: 'int' })
  takenBy: number;

  @Column({ name: 'taken_at', type: 'datetime', precision: 3 })
  takenAt: Date;
}
