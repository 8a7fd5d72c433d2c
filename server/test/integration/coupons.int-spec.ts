import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { JobQueue } from '../../src/common/queue/job-queue';
import { COUPON_EXPIRY_JOB, CouponExpiryJob } from '../../src/coupons/coupon-expiry.job';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { findRow } from '../../src/common/db/sql';
import { Coupon } from '../../src/coupons/entities/coupon.entity';
import { CouponTemplate } from '../../src/coupons/entities/coupon-template.entity';
import { Member } from '../../src/members/entities/member.entity';
import { startTestApp, TestApp } from '../setup/test-app';

const HOUR = 3600_000;

describe('coupons: templates, issuing, wallet, 核销, undo, expiry and settlement', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  async function login(): Promise<void> {
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk', 'demo-clerk2']) tokens[u] = await staffToken(t, u);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-01T04:00:00.000Z' });
    await seedOrganisation(t);
    await login();
  });
  afterAll(async () => {
    await t.close();
  });

  async function template(overrides: object = {}, as = 'demo-hq'): Promise<number> {
    const res = await t.http
      .post('/api/v1/staff/coupon-templates')
      .set(bearer(token(as)))
      .send({ title: '满100减20', kind: 'cash', amountCents: 2000, minSpendCents: 10000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all', usageNotes: '不与其他优惠同享', ...overrides })
      .expect(201);
    return res.body.id as number;
  }

  async function issue(member: JoinedMember, templateId: number, as = 'demo-hq'): Promise<{ id: number; code: string; storesText: string }> {
    const res = await t.http.post('/api/v1/staff/coupons').set(bearer(token(as))).send({ memberCardNo: member.cardNo, templateId, reason: '客诉补偿' }).expect(201);
    return res.body;
  }

  const verify = (code: string, as: string) => t.http.post('/api/v1/staff/coupon-verifications').set(bearer(token(as))).send({ code });

  it('lets HQ edit templates, and store managers make their own store\'s only once HQ allows it', async () => {
    const hqTemplate = await template();
    const cashOnly = { title: '店内券', kind: 'cash', amountCents: 500, validity: { kind: 'relative', days: 3, startsNextDay: false }, storeScope: 'listed', storeCodes: ['S001'] };
    await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-manager'))).send(cashOnly).expect(403);
    await t.http.put('/api/v1/staff/coupon-settings').set(bearer(token('demo-manager'))).send({ undoWindowMinutes: 10, managersMayCreateTemplates: true }).expect(403);
    await t.http.put('/api/v1/staff/coupon-settings').set(bearer(token('demo-hq'))).send({ undoWindowMinutes: 10, managersMayCreateTemplates: true }).expect(200);

    const own = await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-manager'))).send(cashOnly).expect(201);
    expect(own.body).toMatchObject({ faceText: '5元无门槛', ownerStore: { code: 'S001' }, storesText: '限 静安旗舰店 使用', validityText: '领取后3天内有效' });
    await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-manager'))).send({ ...cashOnly, storeCodes: ['S002'] }).expect(403);
    await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-manager'))).send({ ...cashOnly, storeScope: 'all' }).expect(403);
    await t.http.put(`/api/v1/staff/coupon-templates/${hqTemplate}`).set(bearer(token('demo-manager'))).send(cashOnly).expect(403);
    await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-clerk'))).send(cashOnly).expect(403);

    const bad = await t.http.post('/api/v1/staff/coupon-templates').set(bearer(token('demo-hq'))).send({ ...cashOnly, kind: 'discount' }).expect(400);
    expect(bad.body.error.message).toContain('ratePercent');
    const list = await t.http.get('/api/v1/staff/coupon-templates').set(bearer(token('demo-manager'))).expect(200);
    expect((list.body.items as Array<{ id: number }>).map((x) => x.id)).toEqual(expect.arrayContaining([hqTemplate, own.body.id]));
  });

  it('issues a coupon from staff to a member with a reason on the audit trail, within limits, stock and tier', async () => {
    const member = await joinMember(t, 'openid-issue');
    const daily = await template({ title: '每日一张', perMemberDailyLimit: 1, perMemberLimit: 2 });
    const coupon = await issue(member, daily, 'demo-manager');
    expect(coupon).toMatchObject({ status: 'active', title: '每日一张', faceText: '满100减20', validFrom: '2026-03-01T04:00:00.000Z', expiresAt: '2026-03-07T16:00:00.000Z' });
    const again = await t.http.post('/api/v1/staff/coupons').set(bearer(token('demo-manager'))).send({ memberCardNo: member.cardNo, templateId: daily, reason: '再发一张' }).expect(409);
    expect(again.body.error.code).toBe('COUPON_LIMIT_REACHED');
    t.clock.advance(24 * HOUR);
    await login();
    await issue(member, daily, 'demo-manager');
    const third = await t.http.post('/api/v1/staff/coupons').set(bearer(token('demo-manager'))).send({ memberCardNo: member.cardNo, templateId: daily, reason: '第三张' }).expect(409);
    expect(third.body.error).toMatchObject({ code: 'COUPON_LIMIT_REACHED', details: { limit: 2, period: 'all' } });

    const single = await template({ title: '仅一张', totalStock: 1 });
    await issue(member, single);
    const other = await joinMember(t, 'openid-issue-2');
    expect((await t.http.post('/api/v1/staff/coupons').set(bearer(token('demo-hq'))).send({ memberCardNo: other.cardNo, templateId: single, reason: '补偿' }).expect(409)).body.error.code).toBe('COUPON_SOLD_OUT');
    const gold = await template({ title: '金卡专享', minTierRank: 3 });
    expect((await t.http.post('/api/v1/staff/coupons').set(bearer(token('demo-hq'))).send({ memberCardNo: other.cardNo, templateId: gold, reason: '补偿' }).expect(409)).body.error.code).toBe('COUPON_NOT_ISSUABLE');
    await t.http.post('/api/v1/staff/coupons').set(bearer(token('demo-clerk'))).send({ memberCardNo: other.cardNo, templateId: single, reason: '补偿' }).expect(403);

    const audit = await t.http.get('/api/v1/staff/audit').query({ action: 'coupon.issue' }).set(bearer(token('demo-hq'))).expect(200);
    expect(audit.body.items[audit.body.items.length - 1]).toMatchObject({ role: 'store_manager', targetId: String(member.id), summary: expect.stringContaining('客诉补偿') });
  });

  it('shows the wallet by status and a coupon with its QR code to its owner only', async () => {
    const member = await joinMember(t, 'openid-wallet');
    const stranger = await joinMember(t, 'openid-stranger');
    const kept = await issue(member, await template({ title: '钱包券' }));
    const wallet = await t.http.get('/api/v1/coupons').query({ status: 'active' }).set(bearer(member.token)).expect(200);
    expect(wallet.body).toEqual({ items: [expect.objectContaining({ id: kept.id, storesText: '全部门店通用', usageNotes: '不与其他优惠同享', usedAt: null, usedStore: null })], nextCursor: null });
    const detail = await t.http.get(`/api/v1/coupons/${kept.id}`).set(bearer(member.token)).expect(200);
    expect(detail.body.qrPng).toMatch(/^data:image\/png;base64,/);
    expect((await t.http.get(`/api/v1/coupons/${kept.id}`).set(bearer(stranger.token)).expect(404)).body.error.code).toBe('COUPON_NOT_FOUND');
    expect((await t.http.get('/api/v1/coupons').query({ status: 'used' }).set(bearer(member.token)).expect(200)).body.items).toEqual([]);
    await t.http.get('/api/v1/coupons').query({ status: 'lost' }).set(bearer(member.token)).expect(400);
  });

  it('verifies at a store where the coupon is valid, once, and says when and where it was used', async () => {
    const member = await joinMember(t, 'openid-verify', 's=S001');
    const onlyS001 = await issue(member, await template({ title: '静安专用', storeScope: 'listed', storeCodes: ['S001'] }));
    const wrong = await verify(onlyS001.code, 'demo-clerk2').expect(409);
    expect(wrong.body.error).toMatchObject({ code: 'COUPON_WRONG_STORE', message: expect.stringContaining('静安旗舰店') });

    const typed = `${onlyS001.code.slice(0, 4).toLowerCase()} ${onlyS001.code.slice(4)}`;
    // The clerk first sees what they are about to verify, and nothing changes.
    const preview = await t.http.get(`/api/v1/staff/coupons/${encodeURIComponent(typed)}`).set(bearer(token('demo-clerk'))).expect(200);
    expect(preview.body).toMatchObject({ coupon: { id: onlyS001.id, status: 'active', title: '静安专用' }, member: { cardNo: member.cardNo } });
    expect((await t.http.get(`/api/v1/staff/coupons/${onlyS001.code}`).set(bearer(token('demo-clerk2'))).expect(409)).body.error.code).toBe('COUPON_WRONG_STORE');
    const ok = await verify(typed, 'demo-clerk').expect(201);
    expect(ok.body).toMatchObject({
      id: expect.any(Number),
      coupon: { id: onlyS001.id, status: 'used', usedStore: { code: 'S001', name: '静安旗舰店' } },
      member: { cardNo: member.cardNo },
      verifiedAt: t.clock.now().toISOString(),
      store: { code: 'S001', name: '静安旗舰店' },
      verifiedBy: { displayName: expect.any(String) },
    });
    // The answer is built from the rows the verifier held; it must match what the store's list reads back.
    const listed = await t.http.get('/api/v1/staff/coupon-verifications').set(bearer(token('demo-clerk'))).expect(200);
    expect(listed.body.items.find((v: { id: number }) => v.id === ok.body.id)).toEqual(ok.body);
    const visit: Array<{ last_visit_at: string | Date }> = await t.dataSource.query('SELECT last_visit_at FROM members WHERE id = ?', [member.id]);
    expect(new Date(visit[0]?.last_visit_at as string).getTime()).toBe(t.clock.now().getTime());

    const twice = await verify(onlyS001.code, 'demo-clerk').expect(409);
    expect(twice.body.error).toMatchObject({ code: 'COUPON_ALREADY_USED', message: expect.stringContaining('静安旗舰店'), details: { usedAt: t.clock.now().toISOString(), usedStore: { code: 'S001' } } });
    const typo = onlyS001.code.slice(0, 12) + (onlyS001.code.endsWith('A') ? 'B' : 'A');
    expect((await verify(typo, 'demo-clerk').expect(404)).body.error.code).toBe('COUPON_NOT_FOUND');
    expect((await t.http.get(`/api/v1/staff/coupons/${onlyS001.code}`).set(bearer(token('demo-clerk'))).expect(409)).body.error.code).toBe('COUPON_ALREADY_USED');

    const tomorrow = await issue(member, await template({ title: '次日生效', validity: { kind: 'relative', days: 1, startsNextDay: true } }));
    expect((await verify(tomorrow.code, 'demo-clerk').expect(409)).body.error.code).toBe('COUPON_NOT_YET_VALID');
    const dayOnly = await issue(member, await template({ title: '当日有效', validity: { kind: 'relative', days: 1, startsNextDay: false } }));
    t.clock.advance(24 * HOUR);
    await login();
    expect((await verify(dayOnly.code, 'demo-clerk').expect(409)).body.error.code).toBe('COUPON_EXPIRED');
    await verify(tomorrow.code, 'demo-clerk').expect(201);
  });

  it('lets exactly one of 20 concurrent verifications by clerks of two stores through', async () => {
    const member = await joinMember(t, 'openid-race');
    const coupon = await issue(member, await template({ title: '抢核销' }));
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => verify(coupon.code, i % 2 ? 'demo-clerk' : 'demo-clerk2')));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(19).fill('COUPON_ALREADY_USED'));
    const rows: Array<{ n: number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM coupon_verifications WHERE coupon_id = ?', [coupon.id]);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('lets a manager undo a verification within the window, audited, and not after it', async () => {
    const member = await joinMember(t, 'openid-undo');
    const coupon = await issue(member, await template({ title: '撤销测试' }));
    const first = await verify(coupon.code, 'demo-clerk').expect(201);
    await t.http.post(`/api/v1/staff/coupon-verifications/${first.body.id}/undo`).set(bearer(token('demo-clerk'))).expect(403);
    t.clock.advance(9 * 60_000);
    const undone = await t.http.post(`/api/v1/staff/coupon-verifications/${first.body.id}/undo`).set(bearer(token('demo-manager'))).expect(201);
    expect(undone.body).toMatchObject({ id: first.body.id, undoneAt: t.clock.now().toISOString(), coupon: { status: 'active', usedAt: null } });
    expect((await t.http.post(`/api/v1/staff/coupon-verifications/${first.body.id}/undo`).set(bearer(token('demo-manager'))).expect(409)).body.error.code).toBe('COUPON_NOT_USED');
    const audit = await t.http.get('/api/v1/staff/audit').query({ action: 'coupon.verify_undo' }).set(bearer(token('demo-hq'))).expect(200);
    expect(audit.body.items[0]).toMatchObject({ role: 'store_manager', targetId: String(coupon.id) });

    const second = await verify(coupon.code, 'demo-clerk2').expect(201);
    await t.http.post(`/api/v1/staff/coupon-verifications/${second.body.id}/undo`).set(bearer(token('demo-manager'))).expect(403);
    t.clock.advance(11 * 60_000);
    const late = await t.http.post(`/api/v1/staff/coupon-verifications/${second.body.id}/undo`).set(bearer(token('demo-hq'))).expect(409);
    expect(late.body.error.code).toBe('VERIFICATION_UNDO_WINDOW_PASSED');
  });

  it('marks expired coupons with a job that is safe to run again, also through the queue', async () => {
    const member = await joinMember(t, 'openid-expiry');
    const short = await template({ title: '短期券', validity: { kind: 'relative', days: 1, startsNextDay: false } });
    const a = await issue(member, short);
    const b = await issue(member, short);
    const kept = await issue(member, await template({ title: '长期券', validity: { kind: 'relative', days: 30, startsNextDay: false } }));
    t.clock.advance(2 * 24 * HOUR);
    await login();
    const wallet = await t.http.get('/api/v1/coupons').query({ status: 'expired' }).set(bearer(member.token)).expect(200);
    expect((wallet.body.items as Array<{ id: number }>).map((c) => c.id).sort()).toEqual([a.id, b.id].sort());

    const job = t.get(CouponExpiryJob);
    const [one, two] = await Promise.all([job.run(), job.run()]);
    expect((one?.expired ?? 0) + (two?.expired ?? 0)).toBeGreaterThanOrEqual(2);
    expect(await job.run()).toEqual({ expired: 0 });
    const statuses: Array<{ id: number; status: string }> = await t.dataSource.query('SELECT id, status FROM coupons WHERE member_id = ? ORDER BY id', [member.id]);
    expect(statuses.map((s) => [Number(s.id), s.status])).toEqual([[a.id, 'expired'], [b.id, 'expired'], [kept.id, 'active']]);

    const late = await issue(member, short);
    t.clock.advance(2 * 24 * HOUR);
    await login();
    await t.get(JobQueue).add(COUPON_EXPIRY_JOB, {});
    for (let i = 0; i < 50; i++) {
      const row: Array<{ status: string }> = await t.dataSource.query('SELECT status FROM coupons WHERE id = ?', [late.id]);
      if (row[0]?.status === 'expired') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const row: Array<{ status: string }> = await t.dataSource.query('SELECT status FROM coupons WHERE id = ?', [late.id]);
    expect(row[0]?.status).toBe('expired');
  });

  it('reports coupons issued by one store and used at another, per pair, and lists a store\'s verifications of a day', async () => {
    const member = await joinMember(t, 'openid-settle');
    const cash = await template({ title: '跨店结算', amountCents: 1500, minSpendCents: 8000 });
    const fromS001 = await issue(member, cash, 'demo-manager');
    const sameStore = await issue(member, cash, 'demo-manager');
    await verify(fromS001.code, 'demo-clerk2').expect(201);
    await verify(sameStore.code, 'demo-clerk').expect(201);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());

    const report = await t.http.get('/api/v1/staff/reports/coupon-settlement').query({ from: day, to: day }).set(bearer(token('demo-hq'))).expect(200);
    expect(report.body.items).toContainEqual({ issuedStore: { code: 'S001', name: '静安旗舰店' }, usedStore: { code: 'S002', name: '徐汇天钥桥店' }, count: 1, cashOffCents: 1500 });
    expect((report.body.items as Array<{ issuedStore: { code: string }; usedStore: { code: string } }>).some((r) => r.issuedStore.code === r.usedStore.code)).toBe(false);
    const managers = await t.http.get('/api/v1/staff/reports/coupon-settlement').query({ from: day, to: day }).set(bearer(token('demo-manager'))).expect(200);
    expect(managers.body.items.every((r: { issuedStore: { code: string }; usedStore: { code: string } }) => r.issuedStore.code === 'S001' || r.usedStore.code === 'S001')).toBe(true);
    await t.http.get('/api/v1/staff/reports/coupon-settlement').query({ from: day, to: day }).set(bearer(token('demo-clerk'))).expect(403);

    const mine = await t.http.get('/api/v1/staff/coupon-verifications').query({ date: day }).set(bearer(token('demo-clerk'))).expect(200);
    expect((mine.body.items as Array<{ coupon: { code: string }; store: { code: string } }>).map((v) => v.coupon.code)).toContain(sameStore.code);
    expect(mine.body.items.every((v: { store: { code: string } }) => v.store.code === 'S001')).toBe(true);
    await t.http.get('/api/v1/staff/coupon-verifications').query({ storeCode: 'S002', date: day }).set(bearer(token('demo-clerk'))).expect(403);
    const s002 = await t.http.get('/api/v1/staff/coupon-verifications').query({ storeCode: 'S002', date: day }).set(bearer(token('demo-hq'))).expect(200);
    expect((s002.body.items as Array<{ coupon: { code: string } }>).map((v) => v.coupon.code)).toContain(fromS001.code);
  });

  it('reads rows lean (findRow) exactly as TypeORM hydrates them: dates, JSON, nulls', async () => {
    const member = await joinMember(t, 'openid-lean', 's=S001');
    const templateId = await template({ title: '限店券', storeScope: 'listed', storeCodes: ['S001', 'S002'] });
    const coupon = await issue(member, templateId);
    const m = t.dataSource.manager;
    for (const [entity, where] of [[Coupon, { code: coupon.code }], [CouponTemplate, { id: templateId }], [Member, { cardNo: member.cardNo, status: 'active' }]] as const) {
      expect(await findRow(m, entity as EntityTarget<ObjectLiteral>, where)).toEqual(await m.findOneBy(entity as EntityTarget<ObjectLiteral>, where));
    }
    expect(await findRow(m, Coupon, { code: 'NO-SUCH-CODE' })).toBeNull();
  });
});
