import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { WechatToken } from './wechat-token.entity';

/** Every statement of `wechat_tokens`: the shared access token per app, where no Redis holds it. */
export class WechatTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(appId: string): Promise<{ token: string; expiresAt: Date } | null> {
    const row = await this.dataSource.getRepository(WechatToken).findOneBy({ appId });
    return row ? { token: row.accessToken, expiresAt: row.expiresAt } : null;
  }

  async write(appId: string, token: string, expiresAt: Date, at: Date): Promise<void> {
    await this.dataSource.getRepository(WechatToken).upsert({ appId, accessToken: token, expiresAt, updatedAt: at }, ['appId']);
  }

  /** The app's refresh, one instance at a time (a database lock, as the table is the shared store). */
  withRefreshLock<T>(appId: string, waitSeconds: number, work: () => Promise<T>): Promise<{ value: T } | null> {
    return withNamedLock(this.dataSource, `wechat-token:${appId}`, waitSeconds, work);
  }
}
