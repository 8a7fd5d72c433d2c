import { ConfigError, Env, intVar } from './config-error';

export interface WechatConfig {
  /** null → the built-in sandbox, served by this server under /sandbox/wechat. */
  appId: string | null;
  secret: string | null;
  apiBase: string | null;
  sendRatePerSecond: number;
  /** Which build a mini-program code opens (a trial build before the first release) and whether WeChat checks its page. */
  qrEnvVersion: 'release' | 'trial' | 'develop';
  qrCheckPath: boolean;
}

export function wechatFrom(env: Env, production: boolean): WechatConfig {
  const appId = env.WECHAT_APPID || null;
  const secret = env.WECHAT_SECRET || null;
  if (appId && !secret) throw new ConfigError('WECHAT_SECRET is required when WECHAT_APPID is set');
  if (secret && !appId) throw new ConfigError('WECHAT_APPID is required when WECHAT_SECRET is set');
  if (!appId && production) {
    throw new ConfigError('WECHAT_APPID and WECHAT_SECRET are required when NODE_ENV=production (the sandbox is for development)');
  }
  const apiBase = env.WECHAT_API_BASE || (appId ? 'https://api.weixin.qq.com' : null);
  if (apiBase && !/^https?:\/\//.test(apiBase)) throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL (got '${apiBase}')`);
  const qrEnvVersion = env.WECHAT_QR_ENV_VERSION || 'release';
  if (qrEnvVersion !== 'release' && qrEnvVersion !== 'trial' && qrEnvVersion !== 'develop') {
    throw new ConfigError(`WECHAT_QR_ENV_VERSION must be release, trial or develop (got '${qrEnvVersion}')`);
  }
  const checkPath = env.WECHAT_QR_CHECK_PATH || 'true';
  if (checkPath !== 'true' && checkPath !== 'false') throw new ConfigError(`WECHAT_QR_CHECK_PATH must be true or false (got '${checkPath}')`);
  return { appId, secret, apiBase, sendRatePerSecond: intVar(env, 'WECHAT_SEND_RATE', 20, 1, 10000), qrEnvVersion, qrCheckPath: checkPath === 'true' };
}
