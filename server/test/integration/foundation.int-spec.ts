import { startTestApp, TestApp } from '../setup/test-app';
import { bearer, joinMember, seedOrganisation } from '../factories/actors';

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
    const keyed = await t.http.post('/api/v1/staff/sessions').set('Idempotency-Key', 'login-key-0001').send({ username: 'demo-clerk', password: 'huiyuan-demo' }).expect(201);
    const replay = await t.http.post('/api/v1/staff/sessions').set('Idempotency-Key', 'login-key-0001').send({ username: 'demo-clerk', password: 'huiyuan-demo' }).expect(200);
    expect(replay.body).toEqual(keyed.body);
    const other = await t.http.post('/api/v1/staff/sessions').set('Idempotency-Key', 'login-key-0001').send({ username: 'demo-manager', password: 'huiyuan-demo' }).expect(422);
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

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs/openapi.json').expect(200);
    expect(res.body.paths).toHaveProperty('/api/v1/members/me');
  });
});
