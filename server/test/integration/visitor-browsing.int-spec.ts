import { ErrorCode } from '@huiyuan/shared-types';
import { SANDBOX_APP_ID } from '../../src/wechat/sandbox/sandbox-credentials';
import { Store } from '../../src/stores/entities/store.entity';
import { bearer, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** What a WeChat user who has not joined may see: the mall, the tiers, the welcome points and the store that sent them. */
describe('visitors browse before joining', () => {
  let t: TestApp;
  let visitor: string;
  let hq: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    visitor = await visitorToken(t, 'o-visitor-browse');
    hq = await staffToken(t, 'demo-hq');
  });
  afterAll(async () => {
    await t.close();
  });

  it('sees the mall and a reward, but redeeming asks them to join', async () => {
    const template = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(hq))
      .send({ title: '饮品券', kind: 'cash', amountCents: 1000, minSpendCents: 0, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' })
      .expect(201);
    const reward = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '饮品券', pointsPrice: 100, stock: 5, couponTemplateId: template.body.id }).expect(201);

    const list = await t.http.get('/api/v1/rewards').set(bearer(visitor)).expect(200);
    expect(list.body.items.map((r: { title: string }) => r.title)).toContain('饮品券');
    await t.http.get(`/api/v1/rewards/${reward.body.id}`).set(bearer(visitor)).expect(200);
    const redeem = await t.http.post(`/api/v1/rewards/${reward.body.id}/redemptions`).set(bearer(visitor)).send({}).expect(403);
    expect(redeem.body.error.code).toBe(ErrorCode.NOT_A_MEMBER);
  });

  it('sees the tiers with their benefits and card colours', async () => {
    const res = await t.http.get('/api/v1/tiers').set(bearer(visitor)).expect(200);
    expect(res.body.length).toBeGreaterThan(1);
    expect(res.body[0]).toMatchObject({ code: expect.any(String), name: expect.any(String), cardColor: expect.stringMatching(/^#[0-9a-fA-F]{6}$/), benefits: expect.any(Object) });
    expect(res.body.map((tier: { rank: number }) => tier.rank)).toEqual([...res.body.map((tier: { rank: number }) => tier.rank)].sort((a, b) => a - b));
  });

  it("learns the welcome points and the name of the store whose code they scanned", async () => {
    await expect(t.http.get('/api/v1/points/welcome').set(bearer(visitor)).expect(200)).resolves.toMatchObject({ body: { welcomePoints: 100 } });
    await expect(t.http.get('/api/v1/stores/S001').set(bearer(visitor)).expect(200)).resolves.toMatchObject({ body: { code: 'S001', name: '静安旗舰店' } });
    const missing = await t.http.get('/api/v1/stores/NOPE').set(bearer(visitor)).expect(404);
    expect(missing.body.error.code).toBe(ErrorCode.STORE_NOT_FOUND);
  });

  it('still needs a WeChat login, and a staff token is not a visitor', async () => {
    await t.http.get('/api/v1/rewards').expect(401);
    await t.http.get('/api/v1/tiers').set(bearer(hq)).expect(403);
  });

  it("remakes a store's stored code that another app or build made", async () => {
    await t.dataSource.getRepository(Store).update({ code: 'S001' }, { qrPng: `wx0000000000000000/trial ${Buffer.from('old').toString('base64')}` });
    const png = await t.http.get('/api/v1/staff/stores/S001/qrcode.png').set(bearer(hq)).buffer(true).expect(200);
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const stored = await t.dataSource.getRepository(Store).findOneByOrFail({ code: 'S001' });
    expect(stored.qrPng?.startsWith(`${SANDBOX_APP_ID}/release `)).toBe(true);
    const again = await t.http.get('/api/v1/staff/stores/S001/qrcode.png').set(bearer(hq)).buffer(true).expect(200);
    expect((again.body as Buffer).equals(png.body as Buffer)).toBe(true);
  });
});
