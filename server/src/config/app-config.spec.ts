import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'hy-config-'));

describe('loadConfig', () => {
  it('defaults to the embedded database and the WeChat sandbox', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.database.driver).toBe('sqlite');
    expect(config.wechat.appId).toBeNull();
    expect(config.businessTimeZone).toBe('Asia/Shanghai');
    expect(config.port).toBe(3000);
  });

  it('keeps the generated JWT secret in the data folder across restarts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
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
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });
});
