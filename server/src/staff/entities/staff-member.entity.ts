import { StaffRole } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('staff')
@Index('uq_staff_openid', ['openid'], { unique: true })
export class StaffMember {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_staff_username', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 32 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** HQ admins are bound to the HQ node, which scopes them to every store. */
  @Column({ name: 'store_id', type: 'int' })
  storeId: number;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The staff member's own WeChat openid, bound from the counter tool: campaign test sends go there. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
