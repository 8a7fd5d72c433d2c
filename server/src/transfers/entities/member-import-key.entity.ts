import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The card number a member had in the system they came from. Its primary key is what makes an import
 * idempotent: a second run, or two runs at once, create each member once.
 */
@Entity('member_import_keys')
export class MemberImportKey {
  @PrimaryColumn({ name: 'external_card_no', type: 'varchar', length: 64 })
  externalCardNo: string;

  @Index('uq_member_import_keys_member', { unique: true })
  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'job_id', type: 'int' })
  jobId: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
