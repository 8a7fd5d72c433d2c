import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The access token shared by every instance when there is no Redis. */
@Entity('wechat_tokens')
export class WechatToken {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @Column({ name: 'access_token', type: 'varchar', length: 512 })
  accessToken: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
