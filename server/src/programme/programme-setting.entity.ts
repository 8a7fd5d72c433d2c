import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Programme-wide rules HQ edits (earning rate, expiry policy, check-in rules…), one JSON document per key. */
@Entity('programme_settings')
export class ProgrammeSetting {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  key: string;

  @Column({ name: 'value_json', type: 'text' })
  valueJson: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
