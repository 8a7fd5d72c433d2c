import type { CampaignResults, CampaignsDashboard } from '@huiyuan/shared-types';
import ExcelJS from 'exceljs';
import { CampaignSweepJob } from '../../src/campaigns/campaign-sweep.job';
import { conversionLift } from '../../src/campaigns/campaign-rules';
import { DeliveryDispatcher } from '../../src/campaigns/delivery-dispatcher';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { SubscriptionQuota } from '../../src/subscriptions/subscription-quota';
import { bearer, JoinedMember, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H';
/** 12:00 in Shanghai. */
const NOON = '2026-12-01T04:00:00.000Z';
const RANGE = { from: '2026-11-01', to: '2026-12-31' };

/**
 * The campaign panel of 数据看板 against counts made here from the rows (deliveries, coupons,
 * purchases, members' join stores), for HQ, for a manager (their store's members only) and for HQ
 * picking the other store.
 */
describe('campaign reports: the dashboard funnel and the deliveries export', () => {
  let t: TestApp;
  let campaignId: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => bearer(tokens[user] as string);

  beforeAll(async () => {
    t = await startTestApp({ now: NOON, env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
    await seedOrganisation(t);
    for (const u of ['demo-hq', 'demo-manager', 'demo-clerk', 'demo-clerk2']) tokens[u] = await staffToken(t, u);
  });
  afterAll(async () => {
    await t.close();
  });

  async function launchCampaign(list: JoinedMember[], withQuota: JoinedMember[]): Promise<number> {
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(as('demo-hq')).expect(200)).body as Array<{ id: number; wechatTemplateId: string }>;
    const templateId = templates.find((x) => x.wechatTemplateId === ACTIVITY)!.id;
    // Accepts in WeChat (the sandbox), which pushes the popup events that credit our ledger.
    for (const m of withQuota) await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: m.openid, templateIds: [ACTIVITY] }).expect(200);
    const credited = () => t.get(TransactionRunner).read(async (em) => (await t.get(SubscriptionQuota).membersWithQuota(em, templateId, withQuota.map((m) => m.id))).size);
    for (let i = 0; i < 200 && (await credited()) < withQuota.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await credited()).toBe(withQuota.length);
    const tag = (await t.http.post('/api/v1/staff/tags').set(as('demo-hq')).send({ name: '看板活动' }).expect(201)).body as { id: number };
    for (const m of list) await t.http.put(`/api/v1/staff/members/${m.id}/tags/${tag.id}`).set(as('demo-hq')).expect(200);
    const segment = (await t.http.post('/api/v1/staff/segments').set(as('demo-hq')).send({ name: '看板分群', rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] } }).expect(201)).body as { id: number };
    const coupon = (
      await t.http
        .post('/api/v1/staff/coupon-templates')
        .set(as('demo-hq'))
        .send({ title: '活动券', kind: 'cash', amountCents: 1000, minSpendCents: 5000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all', usageNotes: '活动专用' })
        .expect(201)
    ).body as { id: number };
    const campaign = (
      await t.http
        .post('/api/v1/staff/campaigns')
        .set(as('demo-hq'))
        .send({ name: '看板活动', templateId, fieldValues: { thing1: '{nickname}的会员日', thing2: '您有{points}积分可用', date3: '{date}', thing4: '{tier}专享' }, page: 'pages/home/index', segmentId: segment.id, couponTemplateId: coupon.id, holdoutPercent: 40, attributionDays: 7 })
        .expect(201)
    ).body as { id: number };
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(as('demo-hq')).expect(200);
    for (let i = 0; i < 600; i++) {
      await t.get(DeliveryDispatcher).drain();
      await t.get(CampaignSweepJob).run();
      const r = (await t.http.get(`/api/v1/staff/campaigns/${campaign.id}/results`).set(as('demo-hq')).expect(200)).body as CampaignResults;
      if (r.status === 'completed') return campaign.id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the campaign did not complete');
  }

  /** The funnel counted from the rows, for the members whose join store is in `stores`. */
  async function expected(campaignId: number, stores: number[] | 'all') {
    const rows = (await t.dataSource.query(
      `SELECT d.member_id, d.status, d.opened_at, d.sent_at, c.status AS coupon_status, m.join_store_id
         FROM campaign_deliveries d JOIN members m ON m.id = d.member_id LEFT JOIN coupons c ON c.id = d.coupon_id
        WHERE d.campaign_id = ?`,
      [campaignId],
    )) as Array<{ member_id: number; status: string; opened_at: unknown; sent_at: unknown; coupon_status: string | null; join_store_id: number | null }>;
    const purchases = (await t.dataSource.query('SELECT member_id FROM purchases')) as Array<{ member_id: number }>;
    const buyers = new Set(purchases.map((p) => Number(p.member_id)));
    const mine = rows.filter((r) => stores === 'all' || (r.join_store_id !== null && stores.includes(Number(r.join_store_id))));
    const sent = mine.filter((r) => r.status === 'sent');
    const held = mine.filter((r) => r.status === 'skipped_holdout');
    const recipients = { members: sent.length, buyers: sent.filter((r) => buyers.has(Number(r.member_id))).length };
    const holdout = { members: held.length, buyers: held.filter((r) => buyers.has(Number(r.member_id))).length };
    return {
      audience: mine.length,
      reachable: mine.filter((r) => !['skipped_no_openid', 'skipped_quota', 'skipped_cap', 'skipped_holdout'].includes(r.status)).length,
      sent: sent.length,
      opened: mine.filter((r) => r.opened_at !== null).length,
      couponsVerified: mine.filter((r) => r.coupon_status === 'used').length,
      purchasers: recipients.buyers,
      attribution: { days: 7, recipients, holdout, lift: conversionLift(recipients, holdout) },
    };
  }

  async function panel(user: string, query: Record<string, string> = {}): Promise<CampaignsDashboard> {
    return (await t.http.get('/api/v1/staff/dashboards/campaigns').query({ ...RANGE, ...query }).set(as(user)).expect(200)).body as CampaignsDashboard;
  }

  it('counts each step of the funnel and the lift exactly, and a manager sees only their store’s members', async () => {
    const s001: JoinedMember[] = [];
    const s002: JoinedMember[] = [];
    for (let i = 0; i < 12; i++) s001.push(await joinMember(t, `fun-a${i}`, 's=S001'));
    for (let i = 0; i < 8; i++) s002.push(await joinMember(t, `fun-b${i}`, 's=S002'));
    const nowhere = await joinMember(t, 'fun-n0');
    const everyone = [...s001, ...s002, nowhere];
    // Two members of each store never accepted the template: they are in the audience, not reachable.
    const withQuota = everyone.filter((m) => m !== s001[0] && m !== s001[1] && m !== s002[0] && m !== s002[1]);
    // One recipient has bound a phone: the export shows only its last four digits.
    const phoneCode = (await t.http.post('/sandbox/wechat/dev/phone-code').send({ phoneNumber: '13812345678' }).expect(200)).body as { code: string };
    await t.http.post('/api/v1/members/me/phone').set(bearer(s001[5]!.token)).send({ code: phoneCode.code }).expect(200);
    campaignId = await launchCampaign(everyone, withQuota);

    const deliveries = (await t.dataSource.query('SELECT d.member_id, d.status, c.code FROM campaign_deliveries d LEFT JOIN coupons c ON c.id = d.coupon_id WHERE d.campaign_id = ?', [campaignId])) as Array<{ member_id: number; status: string; code: string | null }>;
    const statusOf = new Map(deliveries.map((d) => [Number(d.member_id), d]));
    const sentTo = (list: JoinedMember[]) => list.filter((m) => statusOf.get(m.id)?.status === 'sent');
    const heldOut = (list: JoinedMember[]) => list.filter((m) => statusOf.get(m.id)?.status === 'skipped_holdout');
    expect(sentTo(s001).length).toBeGreaterThanOrEqual(3);
    expect(heldOut(everyone).length).toBeGreaterThanOrEqual(2);

    // Some recipients open, verify their coupon at the counter and buy; one held-out member buys too.
    for (const m of [...sentTo(s001).slice(0, 3), ...sentTo(s002).slice(0, 1)]) await t.http.post('/api/v1/campaign-opens').set(bearer(m.token)).send({ campaignId }).expect(204);
    for (const m of sentTo(s001).slice(0, 2)) await t.http.post('/api/v1/staff/coupon-verifications').set(as('demo-clerk')).send({ code: statusOf.get(m.id)!.code }).expect(201);
    for (const m of sentTo(s002).slice(0, 1)) await t.http.post('/api/v1/staff/coupon-verifications').set(as('demo-clerk2')).send({ code: statusOf.get(m.id)!.code }).expect(201);
    let order = 0;
    const buy = (clerk: string, m: JoinedMember) => t.http.post('/api/v1/staff/purchases').set(as(clerk)).send({ cardNo: m.cardNo, amountCents: 6_000, orderNo: `FUN-${++order}` }).expect(201);
    for (const m of sentTo(s001).slice(0, 3)) await buy('demo-clerk', m);
    for (const m of sentTo(s002).slice(0, 2)) await buy('demo-clerk2', m);
    const heldBuyer = heldOut(everyone)[0]!;
    await buy(s002.includes(heldBuyer) ? 'demo-clerk2' : 'demo-clerk', heldBuyer);

    const s001Id = Number(((await t.dataSource.query("SELECT id FROM stores WHERE code = 'S001'")) as Array<{ id: number }>)[0]!.id);
    const s002Id = Number(((await t.dataSource.query("SELECT id FROM stores WHERE code = 'S002'")) as Array<{ id: number }>)[0]!.id);

    const hq = await panel('demo-hq');
    expect(hq.campaigns).toHaveLength(1);
    expect(hq.campaigns[0]).toMatchObject({ campaignId, name: '看板活动', status: 'completed', ...(await expected(campaignId, 'all')) });
    // Hand-checked, so a count that only agrees with itself cannot pass: 21 in the audience, 4 without an accept.
    expect(hq.campaigns[0]).toMatchObject({ audience: 21, opened: 4, couponsVerified: 3, purchasers: 5 });
    expect(hq.campaigns[0]!.reachable).toBe(21 - 4 - heldOut(everyone).length);
    expect(hq.campaigns[0]!.attribution!.holdout).toEqual({ members: heldOut(everyone).length, buyers: 1 });
    expect(hq.campaigns[0]!.attribution!.lift).not.toBeNull();

    const manager = await panel('demo-manager');
    expect(manager.campaigns[0]).toMatchObject({ campaignId, ...(await expected(campaignId, [s001Id])) });
    expect(manager.campaigns[0]).toMatchObject({ audience: 12, opened: 3, couponsVerified: 2, purchasers: 3 });

    const other = await panel('demo-hq', { storeCode: 'S002' });
    expect(other.campaigns[0]).toMatchObject({ campaignId, ...(await expected(campaignId, [s002Id])) });
    expect(other.campaigns[0]).toMatchObject({ audience: 8, opened: 1, couponsVerified: 1, purchasers: 2 });

    // The range picks campaigns by the day they started; another store is not the manager's to see.
    expect((await panel('demo-hq', { from: '2026-12-02', to: '2026-12-31' })).campaigns).toEqual([]);
    expect((await t.http.get('/api/v1/staff/dashboards/campaigns').query({ ...RANGE, storeCode: 'S002' }).set(as('demo-manager')).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify((await t.http.get('/api/v1/staff/dashboards/campaigns').query({ from: RANGE.from }).set(as('demo-hq')).expect(400)).body)).toMatch(/to/);
    await t.http.get('/api/v1/staff/dashboards/campaigns').query(RANGE).set(as('demo-clerk')).expect(403);
  });

  async function exportRows(user: string, body: object): Promise<{ status: string; rows: string[][] }> {
    const created = await t.http.post('/api/v1/staff/exports').set(as(user)).send(body).expect(201);
    const id = (created.body as { id: number }).id;
    let job = created.body as { status: string };
    for (let i = 0; i < 200 && !['done', 'failed'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.http.get(`/api/v1/staff/exports/${id}`).set(as(user)).expect(200)).body as { status: string };
    }
    expect(job.status).toBe('done');
    const file = await t.http.get(`/api/v1/staff/exports/${id}/file`).set(as(user)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ExcelJS.Buffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push(Array.from(row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return { status: job.status, rows };
  }

  it('exports the campaign deliveries to .xlsx, phones masked, a manager only their store’s members', async () => {
    const hq = await exportRows('demo-hq', { dataset: 'campaign_deliveries', campaignId });
    expect(hq.rows[0]).toEqual(['记录号', '活动', '会员卡号', '昵称', '手机号', '状态', '微信错误码', '说明', '创建时间', '发送时间', '打开时间', '券码']);
    const want = (await t.dataSource.query('SELECT d.id, m.card_no, d.status, cp.code FROM campaign_deliveries d JOIN members m ON m.id = d.member_id LEFT JOIN coupons cp ON cp.id = d.coupon_id WHERE d.campaign_id = ? ORDER BY d.id', [campaignId])) as Array<{ id: number; card_no: string; status: string; code: string | null }>;
    expect(hq.rows.slice(1).map((r) => [Number(r[0]), r[1], r[2], r[11] ?? ''])).toEqual(want.map((d) => [Number(d.id), '看板活动', d.card_no, d.code ?? '']));
    expect(hq.rows.slice(1).filter((r) => r[5] === '对照组（不发送）').length).toBe(want.filter((d) => d.status === 'skipped_holdout').length);
    expect(hq.rows.slice(1).filter((r) => r[5] === '未订阅（无额度）').length).toBe(4);
    const phones = hq.rows.slice(1).map((r) => r[4]).filter(Boolean);
    expect(phones).toEqual(['1******5678']);

    const manager = await exportRows('demo-manager', { dataset: 'campaign_deliveries' });
    const s001Cards = (await t.dataSource.query("SELECT m.card_no FROM campaign_deliveries d JOIN members m ON m.id = d.member_id JOIN stores s ON s.id = m.join_store_id WHERE d.campaign_id = ? AND s.code = 'S001' ORDER BY d.id", [campaignId])) as Array<{ card_no: string }>;
    expect(manager.rows.slice(1).map((r) => r[2])).toEqual(s001Cards.map((c) => c.card_no));

    const refused = async (body: object, status: number, pattern: RegExp) => expect(JSON.stringify((await t.http.post('/api/v1/staff/exports').set(as('demo-hq')).send(body).expect(status)).body)).toMatch(pattern);
    await refused({ dataset: 'campaign_deliveries', campaignId: 999999 }, 404, /NOT_FOUND/);
    await refused({ dataset: 'coupons', campaignId }, 400, /campaignId/);
    await refused({ dataset: 'campaign_deliveries', campaignId: 'x' }, 400, /campaignId/);
  });
});
