import { createCanvas } from '@napi-rs/canvas';
import { REWARD_IMAGE_PATH, RewardImageUpload } from '@huiyuan/shared-types';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const png = (width: number, height: number, colour = '#a87000') => {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, width, height);
  return canvas.toBuffer('image/png');
};

describe('reward images: HQ uploads a picture, the mall shows it', () => {
  let t: TestApp;
  let hq: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (bytes: Buffer | string, token = hq) => t.http.post('/api/v1/staff/rewards/images').set(bearer(token)).send({ data: typeof bytes === 'string' ? bytes : bytes.toString('base64') });
  const errorOf = (res: { body: unknown }) => (res.body as { error: { code: string; message: string } }).error;

  async function template(): Promise<number> {
    const res = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(hq))
      .send({ title: '带图的券', kind: 'cash', amountCents: 1000, minSpendCents: 5000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' })
      .expect(201);
    return res.body.id as number;
  }

  it('stores an upload under the data directory by its content and serves it to anyone, cacheable for good', async () => {
    const bytes = png(400, 300);
    const res = await upload(bytes).expect(201);
    const body = res.body as RewardImageUpload;
    expect(body).toMatchObject({ width: 400, height: 300, bytes: bytes.length });
    expect(body.imageUrl).toMatch(new RegExp(`^${REWARD_IMAGE_PATH}[0-9a-f]{32}\\.png$`));
    const file = body.imageUrl.slice(REWARD_IMAGE_PATH.length);
    expect(existsSync(join(t.config.dataDir, 'uploads', 'reward-images', file))).toBe(true);

    const served = await t.http.get(body.imageUrl).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);

    // The same picture again is the same file; another picture is another.
    expect(((await upload(bytes).expect(201)).body as RewardImageUpload).imageUrl).toBe(body.imageUrl);
    expect(((await upload(png(400, 300, '#1f1b2d')).expect(201)).body as RewardImageUpload).imageUrl).not.toBe(body.imageUrl);
  });

  it('a reward shows its uploaded picture to members in the mall and its detail', async () => {
    const { imageUrl } = (await upload(png(640, 640, '#f3d27a')).expect(201)).body as RewardImageUpload;
    const created = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '有图的奖品', pointsPrice: 10, stock: 3, couponTemplateId: await template(), imageUrl }).expect(201);
    const member = await joinMember(t, 'reward-image-member');
    const list = await t.http.get('/api/v1/rewards').set(bearer(member.token)).expect(200);
    expect((list.body.items as Array<{ id: number; imageUrl: string | null }>).find((r) => r.id === created.body.id)?.imageUrl).toBe(imageUrl);
    expect((await t.http.get(`/api/v1/rewards/${created.body.id}`).set(bearer(member.token)).expect(200)).body.imageUrl).toBe(imageUrl);
    // Taken off again: the reward shows the placeholder.
    const off = await t.http.put(`/api/v1/staff/rewards/${created.body.id}`).set(bearer(hq)).send({ title: '有图的奖品', pointsPrice: 10, stock: 3, couponTemplateId: created.body.couponTemplate.id, imageUrl: null }).expect(200);
    expect(off.body.imageUrl).toBeNull();
  });

  it('refuses what is not a mall picture with a 400 naming the problem, and writes nothing', async () => {
    const cases: Array<[Buffer | string, string]> = [
      ['not base64 at all!', 'data must be the image file, base64-encoded'],
      ['', 'data'],
      [Buffer.from('just some text'), 'data: not a PNG or JPEG image'],
      [png(40, 40), 'data: the image is 40×40 pixels; each side needs at least 64'],
      [Buffer.concat([png(100, 100), Buffer.alloc(600 * 1024)]), 'at most 512 KB'],
    ];
    for (const [bytes, message] of cases) {
      const res = await upload(bytes).expect(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).toContain(message);
    }
  });

  it('refuses a reward pointing at an upload that is not there, or at a URL that is not http(s)', async () => {
    const couponTemplateId = await template();
    const missing = `${REWARD_IMAGE_PATH}${'0'.repeat(32)}.png`;
    const res = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '缺图', pointsPrice: 10, stock: 1, couponTemplateId, imageUrl: missing }).expect(400);
    expect(errorOf(res).message).toContain(`imageUrl: no uploaded image ${missing}`);
    for (const imageUrl of ['ftp://example.com/a.png', 'javascript:alert(1)', '/etc/passwd', `${REWARD_IMAGE_PATH}../../x.png`]) {
      const bad = await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '坏地址', pointsPrice: 10, stock: 1, couponTemplateId, imageUrl }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('imageUrl');
    }
    await t.http.post('/api/v1/staff/rewards').set(bearer(hq)).send({ title: '外链图', pointsPrice: 10, stock: 1, couponTemplateId, imageUrl: 'https://cdn.example.com/reward.jpg' }).expect(201);
  });

  it('only HQ uploads; a name that is not an uploaded image is a 404', async () => {
    const clerk = await staffToken(t, 'demo-clerk');
    expect(errorOf(await upload(png(100, 100), clerk).expect(403)).code).toBe('FORBIDDEN');
    await t.http.post('/api/v1/staff/rewards/images').send({ data: png(100, 100).toString('base64') }).expect(401);
    for (const name of [`${'f'.repeat(32)}.png`, 'huiyuan.sqlite', '..%2F..%2Fhuiyuan.sqlite', `${'a'.repeat(32)}.svg`]) {
      expect(errorOf(await t.http.get(`${REWARD_IMAGE_PATH}${name}`).expect(404)).code).toBe('NOT_FOUND');
    }
  });
});
