import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type DatabaseConfig =
  | { driver: 'mysql'; url: string; poolSize: number }
  | { driver: 'sqlite'; file: string };

export interface WechatConfig {
  /** null → the built-in sandbox, served by this server under /sandbox/wechat. */
  appId: string | null;
  secret: string | null;
  apiBase: string | null;
  sendRatePerSecond: number;
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  publicUrl: string | null;
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  jwtSecret: string;
  businessTimeZone: string;
  wechat: WechatConfig;
  h5Dir: string | null;
  /** The web console's build, served at /admin. */
  adminDir: string | null;
  corsOrigins: string[] | true;
  logLevel: string;
  runMigrations: boolean;
}

/** Thrown at boot; main.ts prints its message as one line and exits. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got '${raw}')`);
  }
  return value;
}

function databaseFrom(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (!url) return { driver: 'sqlite', file: join(dataDir, 'huiyuan.sqlite') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL (expected mysql://user:pass@host:3306/db, got '${url}')`);
  }
  if (parsed.protocol !== 'mysql:') {
    throw new ConfigError(`DATABASE_URL must start with mysql:// (got '${parsed.protocol}//…')`);
  }
  if (!parsed.hostname) throw new ConfigError('DATABASE_URL names no host');
  if (parsed.pathname.length <= 1) throw new ConfigError(`DATABASE_URL names no database (expected mysql://…/dbname)`);
  return { driver: 'mysql', url, poolSize: intVar(env, 'DATABASE_POOL_SIZE', 16, 1, 200) };
}

function redisFrom(env: Env): string | null {
  const url = env.REDIS_URL;
  if (!url) return null;
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError(`REDIS_URL must look like redis://host:6379 (got '${url}')`);
  return url;
}

function timeZoneFrom(env: Env): string {
  const zone = env.BUSINESS_TIMEZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(`BUSINESS_TIMEZONE '${zone}' is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return zone;
}

/** Production must be given a secret; elsewhere one is generated once and kept in the data folder. */
function jwtSecretFrom(env: Env, nodeEnv: AppConfig['env'], dataDir: string): string {
  const given = env.JWT_SECRET;
  if (given) {
    if (given.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
    return given;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function wechatFrom(env: Env, nodeEnv: AppConfig['env']): WechatConfig {
  const appId = env.WECHAT_APPID || null;
  const secret = env.WECHAT_SECRET || null;
  if (appId && !secret) throw new ConfigError('WECHAT_SECRET is required when WECHAT_APPID is set');
  if (secret && !appId) throw new ConfigError('WECHAT_APPID is required when WECHAT_SECRET is set');
  if (!appId && nodeEnv === 'production') {
    throw new ConfigError('WECHAT_APPID and WECHAT_SECRET are required when NODE_ENV=production (the sandbox is for development)');
  }
  const apiBase = env.WECHAT_API_BASE || (appId ? 'https://api.weixin.qq.com' : null);
  if (apiBase && !/^https?:\/\//.test(apiBase)) throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL (got '${apiBase}')`);
  return { appId, secret, apiBase, sendRatePerSecond: intVar(env, 'WECHAT_SEND_RATE', 20, 1, 10000) };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = env.NODE_ENV || 'development';
  if (!['development', 'test', 'production'].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, test or production (got '${nodeEnvRaw}')`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['env'];
  const dataDir = resolve(env.DATA_DIR || 'data');
  const publicUrl = env.PUBLIC_URL || null;
  if (publicUrl && !/^https?:\/\//.test(publicUrl)) throw new ConfigError(`PUBLIC_URL must be an http(s) URL (got '${publicUrl}')`);
  const cors = env.CORS_ORIGINS;
  return {
    env: nodeEnv,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    publicUrl,
    dataDir,
    database: databaseFrom(env, dataDir),
    redisUrl: redisFrom(env),
    jwtSecret: jwtSecretFrom(env, nodeEnv, dataDir),
    businessTimeZone: timeZoneFrom(env),
    wechat: wechatFrom(env, nodeEnv),
    h5Dir: env.H5_DIR === '' ? null : resolve(env.H5_DIR || 'miniapp/dist/h5'),
    adminDir: env.ADMIN_DIR === '' ? null : resolve(env.ADMIN_DIR || 'admin/dist'),
    corsOrigins: !cors || cors === '*' ? true : cors.split(',').map((o) => o.trim()),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info'),
    runMigrations: env.MIGRATE_ON_START !== 'false',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
