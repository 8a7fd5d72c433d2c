import { startTestApp, TestApp } from '../setup/test-app';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';

describe('foundation: envelope, validation, idempotency, health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database, queue and WeChat mode on /api/health', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, queue: { ok: true, mode: 'in-process' }, wechat: { mode: 'sandbox' } });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers an unknown route with the envelope', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('/api/v1/nothing-here') });
  });

  it('answers a malformed JSON body with 400 and the envelope', async () => {
    const res = await t.http.post('/api/v1/staff/sessions').set('Content-Type', 'application/json').send('{"username": "x",').expect(400);
    expect(res.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('names the field when a type is wrong, and rejects unknown fields', async () => {
    const wrongType = await t.http.post('/api/v1/staff/sessions').send({ username: 42, password: 'x' }).expect(400);
    expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'username' })] });
    const unknown = await t.http.post('/api/v1/staff/sessions').send({ username: 'a', password: 'b', admin: true }).expect(400);
    expect(unknown.body.error.message).toContain('admin');
  });

  it('replays the first response for a repeated Idempotency-Key and refuses the key for another body', async () => {
    const [hq, member] = await Promise.all([staffToken(t, 'demo-hq'), joinMember(t, 'idem-adjusted')]);
    const adjust = (delta: number) => t.http.post(`/api/v1/staff/members/${member.id}/points-adjustments`).set(bearer(hq)).set('Idempotency-Key', 'adjust-key-0001').send({ delta, reason: '补录积分' });
    const keyed = await adjust(50).expect(201);
    const replay = await adjust(50).expect(200);
    expect(replay.body).toEqual(keyed.body);
    const other = await adjust(60).expect(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lets a retry run again when the first attempt failed', async () => {
    const member = await joinMember(t, 'idem-visitor');
    const send = () => t.http.post('/api/v1/members/me/phone').set(bearer(member.token)).set('Idempotency-Key', 'phone-key-0001').send({ code: 'not-a-code' });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(400);
    expect(retry.status).toBe(400);
    expect(retry.body.error.code).toBe(first.body.error.code);
  });

  it('acts once for concurrent retries of one key, and answers the repeats with the first result (201 vs 200)', async () => {
    const [clerk, member] = await Promise.all([staffToken(t, 'demo-clerk'), joinMember(t, 'idem-buyer')]);
    const send = () =>
      t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).set('Idempotency-Key', 'till-retry-0001').send({ cardNo: member.cardNo, amountCents: 8800, orderNo: 'IDEM-1' });
    const results = await Promise.all(Array.from({ length: 6 }, send));
    const first = results.filter((r) => r.status === 201);
    expect(first).toHaveLength(1);
    // A retry overlapping the first is told to come back (409); one arriving after it gets the replay.
    for (const r of results.filter((x) => x.status !== 201)) {
      expect([200, 409]).toContain(r.status);
      if (r.status === 200) expect(r.body).toEqual(first[0]!.body);
      else expect(r.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    const replay = await send().expect(200);
    expect(replay.body).toEqual(first[0]!.body);
    expect(replay.body).toMatchObject({ points: 88, duplicate: false });
    const card = await t.http.get('/api/v1/members/me').set(bearer(member.token)).expect(200);
    expect(card.body.points).toBe(100 + 88);
  });

  it('keeps keys apart per caller, refuses a malformed key, and leaves a bad token to the guard', async () => {
    const [clerk, clerk2, a, b] = await Promise.all([staffToken(t, 'demo-clerk'), staffToken(t, 'demo-clerk2'), joinMember(t, 'idem-a'), joinMember(t, 'idem-b')]);
    const buy = (token: string, cardNo: string, orderNo: string) =>
      t.http.post('/api/v1/staff/purchases').set(bearer(token)).set('Idempotency-Key', 'shared-key-0001').send({ cardNo, amountCents: 1000, orderNo });
    await buy(clerk, a.cardNo, 'SCOPE-1').expect(201);
    await buy(clerk2, b.cardNo, 'SCOPE-2').expect(201);
    const malformed = await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).set('Idempotency-Key', 'no spaces!').send({ cardNo: a.cardNo, amountCents: 1000, orderNo: 'SCOPE-3' }).expect(400);
    expect(malformed.body.error.message).toContain('Idempotency-Key');
    const forged = await t.http.post('/api/v1/staff/purchases').set(bearer(`${clerk}x`)).set('Idempotency-Key', 'shared-key-0001').send({ cardNo: a.cardNo, amountCents: 1000, orderNo: 'SCOPE-1' }).expect(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs/openapi.json').expect(200);
    expect(res.body.paths).toHaveProperty('/api/v1/members/me');
  });
});
