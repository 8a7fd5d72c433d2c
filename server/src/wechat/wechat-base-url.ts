import type { AppConfig } from '../config/app-config';

/** Live credentials talk to WECHAT_API_BASE; without them the server's own sandbox stands in. */
export function wechatBaseUrl(config: AppConfig): string {
  if (config.wechat.appId) return config.wechat.apiBase ?? 'https://api.weixin.qq.com';
  return config.wechat.apiBase ?? `http://127.0.0.1:${config.port}/sandbox/wechat`;
}
