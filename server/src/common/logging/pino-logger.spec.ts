import { maskUrl } from './pino-logger';

describe('maskUrl', () => {
  it.each([
    ['/api/v1/staff/members/lookup?phone=13812345678', '/api/v1/staff/members/lookup?phone=138****5678'],
    ['/api/v1/staff/members/lookup?phone=%2B8613812345678', '/api/v1/staff/members/lookup?phone=+86****5678'],
    ['/x?a=1&mobile=13900001111&b=2', '/x?a=1&mobile=139****1111&b=2'],
    ['/api/v1/staff/members/13812345678', '/api/v1/staff/members/138****5678'],
    ['/api/v1/staff/members/lookup?code=812345678903123456', '/api/v1/staff/members/lookup?code=812345678903123456'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});
