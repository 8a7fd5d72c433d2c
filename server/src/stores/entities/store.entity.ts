import { StoreKind } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** HQ → regions → stores; `path` (/1/4/9/) lets a scope check be one prefix comparison. */
@Entity('stores')
export class Store {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_stores_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: StoreKind;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @Index('ix_stores_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  /** The store's mini-program code (PNG, base64), made once through wxacode.getUnlimited. */
  @Column({ name: 'qr_png', type: 'text', nullable: true })
  qrPng: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
