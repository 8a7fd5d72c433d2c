import { Foundation1795516557237 } from './1795516557237-Foundation';
import { WechatTokens1795516620960 } from './1795516620960-WechatTokens';

export const MYSQL_MIGRATIONS = [Foundation1795516557237, WechatTokens1795516620960];
