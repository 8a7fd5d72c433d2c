import { bearer, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** Issue 12, items 8, 12, 13, 14: bad input answers a 4xx in the envelope; nothing leaks to clients. */
describe('input hardening and exposure', () => {
  let t: TestApp;
  let hq: string;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    [hq, clerk] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-clerk')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const expectEnvelope = (res: { status: number; body: { error?: { code?: string; message?: string } } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  };

  it('refuses a deeply nested body before parsing it, on a public route', async () => {
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await t.http.post('/api/v1/staff/sessions').set('content-type', 'application/json').send(nested);
    expectEnvelope(res, 400);
    expect(res.body.error.message).toContain('nests deeper');
    const inObject = await t.http.post('/api/v1/auth/wechat').send({ code: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown });
    expectEnvelope(inObject, 400);
  });

  it('answers a wrong content type with 415 in the envelope', async () => {
    const res = await t.http.post('/api/v1/staff/sessions').set('content-type', 'text/plain').send('username=demo-hq');
    expectEnvelope(res, 415);
  });

  describe('nested objects missing or of the wrong shape', () => {
    const tier = { name: '金卡', rank: 3, entryGrowth: 5000, retainGrowth: 3000, cardColor: '#c9a14a' };
    it.each([
      ['tier without benefits', 'put', '/api/v1/staff/tiers/GOLD', tier],
      ['tier with benefits []', 'put', '/api/v1/staff/tiers/GOLD', { ...tier, benefits: [] }],
      ['coupon template without validity', 'post', '/api/v1/staff/coupon-templates', { title: '券', kind: 'gift', giftDescription: '饮品', storeScope: 'all' }],
      ['coupon template with validity []', 'post', '/api/v1/staff/coupon-templates', { title: '券', kind: 'gift', giftDescription: '饮品', storeScope: 'all', validity: [] }],
    ] as const)('%s → 400', async (_what, method, url, body) => {
      const res = await t.http[method](url).set(bearer(hq)).send(body);
      expectEnvelope(res, 400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('leaves the tier as it was', async () => {
      const rows: Array<{ discount_percent: number | string | null }> = await t.dataSource.query("SELECT discount_percent FROM tiers WHERE code = 'GOLD'");
      expect(Number(rows[0]?.discount_percent)).toBeGreaterThan(0);
    });

    it('takes an empty profile update as no change, and refuses birthday: []', async () => {
      const member = await joinMember(t, 'input-profile');
      const empty = await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({}).expect(200);
      expect(empty.body).toMatchObject({ nickname: null });
      const res = await t.http.patch('/api/v1/members/me/profile').set(bearer(member.token)).send({ birthday: [] });
      expectEnvelope(res, 400);
    });
  });

  it.each([
    ['a purchase of 1e15 cents', '/api/v1/staff/purchases', { cardNo: '812345678903', amountCents: 1e15, orderNo: 'BIG-1' }],
    ['a coupon template stock of 1e15', '/api/v1/staff/coupon-templates', { title: '券', kind: 'gift', giftDescription: '饮品', storeScope: 'all', validity: { kind: 'relative', days: 30, startsNextDay: false }, totalStock: 1e15 }],
    ['a tier threshold of 1e15', '/api/v1/staff/tiers/GOLD', { name: '金卡', rank: 3, entryGrowth: 1e15, retainGrowth: 3000, benefits: { discountPercent: 95, pointsMultiplier: 1.5, birthdayBonusPoints: 0, perks: [] }, cardColor: '#c9a14a' }],
  ])('refuses %s with a 400 naming the field', async (_what, url, body) => {
    const res = url.includes('tiers') ? await t.http.put(url).set(bearer(hq)).send(body) : await t.http.post(url).set(bearer(url.includes('purchases') ? clerk : hq)).send(body);
    expectEnvelope(res, 400);
  });

  it.each(['2026-99-99', '0000-00-00', '2026-02-30', '99999-01-01'])('refuses the impossible date %s', async (date) => {
    const template = { title: '券', kind: 'gift', giftDescription: '饮品', storeScope: 'all', validity: { kind: 'fixed', from: date, until: '2026-12-31' } };
    expectEnvelope(await t.http.post('/api/v1/staff/coupon-templates').set(bearer(hq)).send(template), 400);
    expectEnvelope(await t.http.get('/api/v1/staff/reports/coupon-settlement').query({ from: date, to: '2026-12-31' }).set(bearer(hq)), 400);
  });

  it('does not trust a client x-request-id that is long or odd; refunds still work', async () => {
    const member = await joinMember(t, 'input-request-id');
    const purchase = await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: member.cardNo, amountCents: 5000, orderNo: 'RID-1' }).expect(201);
    const long = 'x'.repeat(200);
    const refund = await t.http.post(`/api/v1/staff/purchases/${purchase.body.id}/refunds`).set(bearer(clerk)).set('x-request-id', long).send({ amountCents: 1000 }).expect(201);
    expect(refund.headers['x-request-id']).not.toBe(long);
    const odd = await t.http.get('/api/health').set('x-request-id', "<script>alert('x')</script>");
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http.get('/api/health').set('x-request-id', 'lb-7f3a.42');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42');
  });

  it('answers a path parameter of 1,000 characters in the envelope, not a bare 414', async () => {
    const res = await t.http.put(`/api/v1/staff/tiers/${'G'.repeat(1000)}`).set(bearer(hq)).send({});
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String) }));
  });

  describe('exposure', () => {
    it("never passes WeChat's error text or our address of WeChat to the client", async () => {
      await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/sns/jscode2session', errcode: 40029, errmsg: 'invalid code, rid: 6478-secret-hint', times: 1 }).expect(201);
      const invalid = await t.http.post('/api/v1/auth/wechat').send({ code: 'whatever' });
      expectEnvelope(invalid, 400);
      expect(JSON.stringify(invalid.body)).not.toContain('rid');
      await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/sns/jscode2session', drop: true, times: 5 }).expect(201);
      const down = await t.http.post('/api/v1/auth/wechat').send({ code: 'whatever' });
      expect(down.status).toBe(503);
      expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONN|socket|sandbox/i);
      await t.http.delete('/sandbox/wechat/dev/faults').expect(200);
    });

    it('answers CORS only for allowed origins', async () => {
      const evil = await t.http.options('/api/v1/privacy-notice').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
      const local = await t.http.get('/api/v1/privacy-notice').set('Origin', 'http://localhost:10086');
      expect(local.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    });

    it('sends security headers', async () => {
      const res = await t.http.get('/api/v1/privacy-notice').expect(200);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('a visitor token cannot reach member data', async () => {
      const token = await visitorToken(t, 'input-visitor');
      expectEnvelope(await t.http.get('/api/v1/members/me').set(bearer(token)), 403);
    });
  });
});

describe('API docs', () => {
  it('are not served when API_DOCS=false (the production default)', async () => {
    const t = await startTestApp({ env: { API_DOCS: 'false' } });
    try {
      const res = await t.http.get('/api/docs/openapi.json');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
