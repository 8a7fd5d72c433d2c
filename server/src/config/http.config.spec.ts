import { ConfigError } from './config-error';
import { httpFrom } from './http.config';

describe('http settings', () => {
  it('serves no API docs and allows no cross-origin callers in production unless configured', () => {
    expect(httpFrom({}, true)).toMatchObject({ apiDocs: false, corsOrigins: false });
    expect(httpFrom({ API_DOCS: 'true', CORS_ORIGINS: 'https://shop.example.com, https://admin.example.com' }, true)).toMatchObject({ apiDocs: true, corsOrigins: ['https://shop.example.com', 'https://admin.example.com'] });
    expect(httpFrom({ CORS_ORIGINS: '*' }, true).corsOrigins).toBe(true);
  });

  it('allows a local H5 dev server outside production', () => {
    const { corsOrigins, apiDocs } = httpFrom({}, false);
    expect(apiDocs).toBe(true);
    expect(corsOrigins).toEqual([expect.any(RegExp)]);
    const [local] = corsOrigins as RegExp[];
    expect(local?.test('http://localhost:10086')).toBe(true);
    expect(local?.test('http://localhost.evil.example')).toBe(false);
  });

  it('trusts forwarded addresses from private networks only, by default', () => {
    expect(httpFrom({}, false).trustProxy).toBe('loopback,linklocal,uniquelocal');
    expect(httpFrom({ TRUST_PROXY: '10.0.0.0/8' }, false).trustProxy).toBe('10.0.0.0/8');
  });

  it('refuses a malformed rate limit', () => {
    expect(() => httpFrom({ AUTH_RATE_LIMIT_PER_MINUTE: 'lots' }, false)).toThrow(ConfigError);
  });
});
