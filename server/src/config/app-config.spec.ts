import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'hy-config-'));
const production = {
  NODE_ENV: 'production',
  WECHAT_APPID: 'wx1',
  WECHAT_SECRET: 's',
  JWT_SECRET: 'kq3V9x-T_bR7mW2pL8zN4cY6hJ0dF5gA1sE',
  PHONE_ENCRYPTION_KEY: 'Zt8rQ2nX5vB9mK1wP7yL3cH6jD0fG4sA-_e',
};

describe('loadConfig', () => {
  it('defaults to the embedded database and the WeChat sandbox', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.database.driver).toBe('sqlite');
    expect(config.wechat.appId).toBeNull();
    expect(config.calendar.timeZone).toBe('Asia/Shanghai');
    expect(config.port).toBe(3000);
  });

  it('keeps the generated JWT secret in the data folder across restarts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).security.jwtSecret;
    expect(loadConfig({ DATA_DIR: dir }).security.jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://nope' }, /DATABASE_URL names no database/],
    [{ DATABASE_URL: 'postgres://h/db' }, /DATABASE_URL must start with mysql/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ REDIS_URL: 'localhost' }, /REDIS_URL/],
    [{ BUSINESS_TIMEZONE: 'Mars/Olympus' }, /BUSINESS_TIMEZONE/],
    [{ WECHAT_APPID: 'wx123' }, /WECHAT_SECRET is required/],
    [{ NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }, /JWT_SECRET is required/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ PROCESS_ROLE: 'web' }, /PROCESS_ROLE must be all, api or worker/],
    [{ PROCESS_ROLE: 'api' }, /PROCESS_ROLE=api needs REDIS_URL/],
    [{ PROCESS_ROLE: 'worker' }, /PROCESS_ROLE=worker needs REDIS_URL/],
    [{ JOB_INTERVALS: 'points-expire=soon' }, /JOB_INTERVALS must look like name=ms/],
    [{ ...production, PHONE_ENCRYPTION_KEY: undefined }, /PHONE_ENCRYPTION_KEY is required/],
    [{ ...production, JWT_SECRET: 'a'.repeat(36) }, /JWT_SECRET is too predictable/],
    [{ ...production, JWT_SECRET: 'abababababababababababababababababab' }, /JWT_SECRET is too predictable/],
    [{ ...production, PHONE_ENCRYPTION_KEY: '1'.repeat(40) }, /PHONE_ENCRYPTION_KEY is too predictable/],
    [{ ...production, PHONE_ENCRYPTION_KEY: production.JWT_SECRET }, /PHONE_ENCRYPTION_KEY must differ from JWT_SECRET/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });

  it('starts in production with strong, distinct secrets, and generates none there', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, ...production });
    expect(config.security).toEqual({ jwtSecret: production.JWT_SECRET, phoneKey: production.PHONE_ENCRYPTION_KEY, demoPasswordAccepted: false });
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('takes the queue and calendar settings per concern', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), REDIS_URL: 'redis://127.0.0.1:6379/6', PROCESS_ROLE: 'api', JOB_INTERVALS: 'points-expire=60000', BUSINESS_TIMEZONE: 'Europe/Paris' });
    expect(config.queue).toEqual({ redisUrl: 'redis://127.0.0.1:6379/6', prefix: 'huiyuan', role: 'api', jobIntervals: { 'points-expire': 60000 } });
    expect(config.calendar).toEqual({ timeZone: 'Europe/Paris' });
  });
});
