import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A row of an import file the dry run refused, with the reason in the words HQ reads. */
@Entity('import_rejections')
@Index('ix_import_rejections_job', ['jobId', 'rowNo'])
export class ImportRejection {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'job_id', type: 'int' })
  jobId: number;

  @Column({ name: 'row_no', type: 'int' })
  rowNo: number;

  @Column({ name: 'card_no', type: 'varchar', length: 64, nullable: true })
  cardNo: string | null;

  @Column({ type: 'varchar', length: 255 })
  message: string;
}
