import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Which lots a debit consumed, so a reversal restores exactly those lots. */
@Entity('points_lot_uses')
export class PointsLotUse {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_points_lot_uses_ledger')
  @Column({ name: 'ledger_id', type: 'int' })
  ledgerId: number;

  @Column({ name: 'lot_id', type: 'int' })
  lotId: number;

  @Column({ type: 'int' })
  amount: number;
}
