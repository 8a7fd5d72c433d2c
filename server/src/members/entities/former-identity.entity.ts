import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A keyed hash of an openid or unionid whose membership was deleted: not the identifier, so the
 * person cannot be found from it, but a rejoin by the same WeChat user is recognised (no second
 * welcome gift). Kept for that purpose only.
 */
@Entity('member_former_identities')
export class FormerIdentity {
  @PrimaryColumn({ name: 'identity_hash', type: 'varchar', length: 64 })
  identityHash: string;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3 })
  deletedAt: Date;
}
