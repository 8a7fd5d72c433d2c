import { createHmac } from 'node:crypto';
import { ConfigError, Env, intVar } from './config-error';

/**
 * The mini-program's message-push settings (开发管理 → 消息推送): the Token that signs each push, the
 * EncodingAESKey of safe mode, and which modes are accepted. Data format JSON.
 */
export interface WechatPushConfig {
  /** null → no push URL configured: grants stay as the client reported them. */
  token: string | null;
  aesKey: string | null;
  /** plaintext: unencrypted only; compatible: either; safe: encrypted only. */
  mode: 'plaintext' | 'compatible' | 'safe';
}

export interface WechatConfig {
  /** null → the built-in sandbox, served by this server under /sandbox/wechat. */
  appId: string | null;
  secret: string | null;
  apiBase: string | null;
  sendRatePerSecond: number;
  /** Which build a mini-program code opens (a trial build before the first release) and whether WeChat checks its page. */
  qrEnvVersion: 'release' | 'trial' | 'develop';
  qrCheckPath: boolean;
  push: WechatPushConfig;
  banReports: WechatBanReportsConfig;
}

/**
 * When the mini-programs' 20005 reports pause every campaign: `toPause` different members within
 * `windowHours`. One member's report alone proves nothing (a modified client, one phone's glitch).
 */
export interface WechatBanReportsConfig {
  toPause: number;
  windowHours: number;
}

export function wechatFrom(env: Env, production: boolean, jwtSecret: string): WechatConfig {
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
  const push = pushFrom(env, appId === null, jwtSecret);
  return { appId, secret, apiBase, sendRatePerSecond: intVar(env, 'WECHAT_SEND_RATE', 20, 1, 10000), qrEnvVersion, qrCheckPath: checkPath === 'true', push, banReports: { toPause: intVar(env, 'WECHAT_BAN_REPORTS_TO_PAUSE', 3, 1, 1000), windowHours: intVar(env, 'WECHAT_BAN_REPORT_WINDOW_HOURS', 24, 1, 720) } };
}

/** With the sandbox, the push Token and key are derived from the kept JWT secret, so every process of one data folder agrees. */
function pushFrom(env: Env, sandbox: boolean, jwtSecret: string): WechatPushConfig {
  const derive = (purpose: string) => createHmac('sha256', jwtSecret).update(purpose).digest();
  const token = env.WECHAT_PUSH_TOKEN || (sandbox ? derive('wechat-push-token').toString('hex').slice(0, 32) : null);
  const aesKey = env.WECHAT_PUSH_AES_KEY || (sandbox ? derive('wechat-push-aes-key').toString('base64').slice(0, 43) : null);
  const mode = env.WECHAT_PUSH_MODE || (aesKey ? 'safe' : 'plaintext');
  if (token !== null && !/^[A-Za-z0-9]{3,32}$/.test(token)) throw new ConfigError('WECHAT_PUSH_TOKEN must be 3-32 letters or digits, as WeChat allows');
  if (aesKey !== null && (!/^[A-Za-z0-9+/]{43}$/.test(aesKey) || Buffer.from(`${aesKey}=`, 'base64').length !== 32)) {
    throw new ConfigError('WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey from the mini-program admin console');
  }
  if (mode !== 'plaintext' && mode !== 'compatible' && mode !== 'safe') throw new ConfigError(`WECHAT_PUSH_MODE must be plaintext, compatible or safe (got '${mode}')`);
  if (mode !== 'plaintext' && !aesKey) throw new ConfigError(`WECHAT_PUSH_MODE=${mode} needs WECHAT_PUSH_AES_KEY`);
  if (aesKey && !token) throw new ConfigError('WECHAT_PUSH_AES_KEY needs WECHAT_PUSH_TOKEN');
  return { token, aesKey, mode };
}
