import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 跟进记录: a clerk's note on a member, read newest first. */
@Entity('member_notes')
@Index('ix_member_notes_member', ['memberId', 'id'])
export class MemberNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
