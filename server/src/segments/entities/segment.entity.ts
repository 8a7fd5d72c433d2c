import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('segments')
export class Segment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  /** The checked rule tree as JSON (react-querybuilder's shape); compiled to SQL on each use. */
  @Column({ name: 'rules_json', type: 'text' })
  rulesJson: string;

  /** Null: made by HQ. A store manager's segment only ever counts their stores' members. */
  @Column({ name: 'owner_store_id', type: 'int', nullable: true })
  ownerStoreId: number | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
