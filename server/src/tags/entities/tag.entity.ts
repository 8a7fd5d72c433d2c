import type { TagKind } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tags')
@Index('uq_tags_owner_name', ['ownerStoreId', 'name'], { unique: true })
export class Tag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: TagKind;

  /** The rule that keeps a rule tag true (`lifecycle.new`, `join_store.3`, …); null for a manual tag. */
  @Index('uq_tags_rule_key', { unique: true })
  @Column({ name: 'rule_key', type: 'varchar', length: 48, nullable: true })
  ruleKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  colour: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  /** 0: an HQ tag, seen by every store (0, not NULL, so the unique name key covers HQ's tags too). */
  @Column({ name: 'owner_store_id', type: 'int', default: 0 })
  ownerStoreId: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
