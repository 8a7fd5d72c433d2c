import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';
import { WechatToken } from '../wechat/wechat-token.entity';

/** Every entity, listed once: the app, the CLI and the schema test read this list. */
export const ENTITIES = [IdempotencyRecord, WechatToken];
