import { Entity, PrimaryColumn } from 'typeorm';

@Entity('segment_snapshot_members')
export class SegmentSnapshotMember {
  @PrimaryColumn({ name: 'snapshot_id', type: 'int' })
  snapshotId: number;

  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;
}
