import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per tag a member carries: the key serves "members with tag T", the reverse index "tags of member M". */
@Entity('member_tags')
@Index('ix_member_tags_member', ['memberId', 'tagId'])
export class MemberTag {
  @PrimaryColumn({ name: 'tag_id', type: 'int' })
  tagId: number;

  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
