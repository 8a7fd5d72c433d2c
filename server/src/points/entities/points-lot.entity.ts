import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What one earn added, and how much of it is left to spend or expire. */
@Entity('points_lots')
// In FIFO order (expiry, then id) and covering `remaining`: a debit walks past a member's spent lots
// in the index alone, without reading their rows.
@Index('ix_points_lots_member_expiry', ['memberId', 'expiresAt', 'id', 'remaining'])
@Index('ix_points_lots_expiry', ['expiresAt', 'remaining'])
export class PointsLot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'ledger_id', type: 'int' })
  ledgerId: number;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'int' })
  remaining: number;

  @Column({ name: 'earned_at', type: 'datetime', precision: 3 })
  earnedAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;
}
