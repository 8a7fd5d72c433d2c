import { join, resolve } from 'node:path';
import { CalendarConfig, calendarFrom } from './calendar.config';
import { ConfigError, Env, intVar } from './config-error';
import { DatabaseConfig, databaseFrom } from './database.config';
import { HttpConfig, httpFrom } from './http.config';
import { QueueConfig, queueFrom } from './queue.config';
import { SecurityConfig, securityFrom } from './security.config';
import { WechatConfig, wechatFrom } from './wechat.config';

export { ConfigError } from './config-error';
export type { DatabaseConfig } from './database.config';
export type { WechatConfig } from './wechat.config';

/**
 * Everything the server is configured with, validated at boot: one loader per concern
 * (database, queue, WeChat, security, business calendar), each naming the variable it rejects.
 * Nothing else reads process.env.
 */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  publicUrl: string | null;
  dataDir: string;
  /** Files staff upload (the mall's reward images); UPLOADS_DIR, default DATA_DIR/uploads. Shared by every API instance. */
  uploadsDir: string;
  database: DatabaseConfig;
  queue: QueueConfig;
  security: SecurityConfig;
  calendar: CalendarConfig;
  wechat: WechatConfig;
  h5Dir: string | null;
  /** The web console's build, served at /admin. */
  adminDir: string | null;
  http: HttpConfig;
  logLevel: string;
  runMigrations: boolean;
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
  const security = securityFrom(env, nodeEnv === 'production', dataDir);
  return {
    env: nodeEnv,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    publicUrl,
    dataDir,
    uploadsDir: resolve(env.UPLOADS_DIR || join(dataDir, 'uploads')),
    database: databaseFrom(env, dataDir),
    queue: queueFrom(env),
    security,
    calendar: calendarFrom(env),
    wechat: wechatFrom(env, nodeEnv === 'production', security.jwtSecret),
    h5Dir: env.H5_DIR === '' ? null : resolve(env.H5_DIR || 'miniapp/dist/h5'),
    adminDir: env.ADMIN_DIR === '' ? null : resolve(env.ADMIN_DIR || 'admin/dist'),
    http: httpFrom(env, nodeEnv === 'production'),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info'),
    runMigrations: env.MIGRATE_ON_START !== 'false',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
