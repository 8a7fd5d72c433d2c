import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

describe('security settings', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'hy-sec-'));
  const production = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(8) + 'Zq9-x7Lm2Pw4Rt6Yv8Bn1Cd3Fg5Hj0Ks', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's'.repeat(32) };

  it('serves no API docs and allows no cross-origin callers in production unless configured', () => {
    const config = loadConfig({ ...production, DATA_DIR: dataDir() });
    expect(config.apiDocs).toBe(false);
    expect(config.corsOrigins).toBe(false);
    expect(loadConfig({ ...production, DATA_DIR: dataDir(), API_DOCS: 'true', CORS_ORIGINS: 'https://shop.example.com' })).toMatchObject({ apiDocs: true, corsOrigins: ['https://shop.example.com'] });
  });

  it('trusts forwarded addresses from private networks only, by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe('loopback,linklocal,uniquelocal');
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });

  it('refuses a malformed rate limit', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), AUTH_RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow('AUTH_RATE_LIMIT_PER_MINUTE');
  });
});
