import type { CampaignView, StaffWechatBinding, TestSendResult } from '@huiyuan/shared-types';
import { bearer, joinMember, seedOrganisation, staffToken, wechatCode } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H';
const NEW_ARRIVAL = 'sbxNewArrival1Kd6Wq9XmLb3VzNs7PyTf2RcHg8Ju4Eb';
/** 12:00 in Shanghai. */
const NOON = '2026-12-01T04:00:00.000Z';

/** A staff member binds their own WeChat in the counter tool; HQ's campaign test send then reaches it. */
describe('staff WeChat binding and campaign test sends', () => {
  let t: TestApp;
  let hq: string;
  let campaignId: number;

  beforeAll(async () => {
    t = await startTestApp({ now: NOON, env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; wechatTemplateId: string }>;
    const member = await joinMember(t, 'stw-member', 's=S001');
    const tag = (await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: '试发' }).expect(201)).body as { id: number };
    await t.http.put(`/api/v1/staff/members/${member.id}/tags/${tag.id}`).set(bearer(hq)).expect(200);
    const rules = { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] };
    const segmentId = ((await t.http.post('/api/v1/staff/segments').set(bearer(hq)).send({ name: '试发分群', rules }).expect(201)).body as { id: number }).id;
    const campaign = {
      name: '试发活动',
      templateId: templates.find((x) => x.wechatTemplateId === ACTIVITY)!.id,
      fieldValues: { thing1: '{nickname}的会员日', thing2: '您有{points}积分可用', date3: '{date}', thing4: '{tier}专享' },
      page: 'pages/home/index',
      segmentId,
    };
    campaignId = ((await t.http.post('/api/v1/staff/campaigns').set(bearer(hq)).send(campaign).expect(201)).body as CampaignView).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const binding = async (token: string) => (await t.http.get('/api/v1/staff/me/wechat').set(bearer(token)).expect(200)).body as StaffWechatBinding;
  const bind = async (token: string, openid: string, status: number) => t.http.post('/api/v1/staff/me/wechat').set(bearer(token)).send({ code: await wechatCode(t, openid) }).expect(status);
  const testSend = () => t.http.post(`/api/v1/staff/campaigns/${campaignId}/test-send`).set(bearer(hq));
  const outbox = async (openid: string) =>
    ((await t.http.get('/sandbox/wechat/dev/outbox').query({ openid }).expect(200)).body as { items: Array<{ templateId: string; page: string; data: Record<string, { value: string }> }> }).items;

  it('says what a test send needs: first a bound WeChat, then that WeChat’s own accept; then it arrives rendered', async () => {
    const before = await binding(hq);
    expect(before).toMatchObject({ bound: false, openidMasked: null });
    // The counter tool asks for the campaign templates only, never the members' service ones.
    expect(before.testTemplates.map((x) => x.wechatTemplateId).sort()).toEqual([ACTIVITY, NEW_ARRIVAL].sort());

    const unbound = await testSend().expect(400);
    expect(unbound.body.error.details[0]).toEqual({ field: 'staff', problems: [expect.stringContaining('我的微信')] });

    const bound = (await bind(hq, 'stw-hq-phone', 200)).body as StaffWechatBinding;
    expect(bound).toMatchObject({ bound: true, openidMasked: 'stw-…hone' });
    expect(await binding(hq)).toMatchObject({ bound: true, openidMasked: 'stw-…hone' });

    // Bound, but the staff member has not accepted the template in WeChat: WeChat's 43101, in words.
    const refused = await testSend().expect(400);
    expect(refused.body.error.details[0].problems[0]).toContain('订阅试发消息');
    expect(await outbox('stw-hq-phone')).toHaveLength(0);

    // The counter tool's 订阅试发消息 (the sandbox stands in for WeChat's pop-up).
    await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: 'stw-hq-phone', templateIds: [ACTIVITY, NEW_ARRIVAL] }).expect(200);
    const sent = (await testSend().expect(200)).body as TestSendResult;
    expect(sent.sent).toBe(true);
    const received = await outbox('stw-hq-phone');
    expect(received).toHaveLength(1);
    expect(received[0]!.templateId).toBe(ACTIVITY);
    expect(received[0]!.page).toContain(`campaignId=${campaignId}`);
    expect(received[0]!.data).toEqual(sent.data);
    expect(received[0]!.data.thing2!.value).toMatch(/^您有\d+积分可用$/);

    // One accept, one message: the second test send needs a new accept.
    await testSend().expect(400);
    expect(await outbox('stw-hq-phone')).toHaveLength(1);
  });

  it('rebinds to another WeChat, refuses a WeChat bound to someone else, and unbinds', async () => {
    const manager = await staffToken(t, 'demo-manager');
    await bind(manager, 'stw-manager', 200);
    const taken = await bind(hq, 'stw-manager', 409);
    expect(taken.body.error.code).toBe('CONFLICT');
    expect((await binding(hq)).openidMasked).toBe('stw-…hone');

    expect(((await bind(hq, 'stw-new-phone', 200)).body as StaffWechatBinding).openidMasked).toBe('stw-…hone');
    await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: 'stw-new-phone', templateIds: [ACTIVITY] }).expect(200);
    await testSend().expect(200);
    expect(await outbox('stw-new-phone')).toHaveLength(1);

    expect((await t.http.delete('/api/v1/staff/me/wechat').set(bearer(hq)).expect(200)).body).toMatchObject({ bound: false, openidMasked: null });
    expect((await binding(hq)).bound).toBe(false);
    await testSend().expect(400);
    // Freed: the manager's old WeChat may now be bound elsewhere after the manager unbinds.
    await t.http.delete('/api/v1/staff/me/wechat').set(bearer(manager)).expect(200);
    await bind(hq, 'stw-manager', 200);
  });

  it('puts WeChat’s refusal of a test send in HQ’s words, never WeChat’s English errmsg', async () => {
    await bind(hq, 'stw-faults', 200);
    await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: 'stw-faults', templateIds: [ACTIVITY] }).expect(200);
    const refusal = async (errcode: number) => {
      await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/cgi-bin/message/subscribe/send', errcode, errmsg: 'argument invalid! data.thing1.value invalid', times: 1 }).expect(201);
      const res = await testSend().expect(400);
      const words = res.body.error.details[0].problems[0] as string;
      expect(words).not.toMatch(/argument|invalid|\d{5}/);
      return words;
    };
    expect(await refusal(47003)).toContain('字段内容不符合微信的要求');
    expect(await refusal(45009)).toContain('每日上限');
    expect(await refusal(40003)).toContain('重新绑定');
    expect(await refusal(61000)).toBe('微信暂时无法发送试发消息，请稍后再试');
    await t.http.delete('/sandbox/wechat/dev/faults').expect(200);
    // The accept was not spent by the refusals: the next test send goes.
    await testSend().expect(200);
    await t.http.delete('/api/v1/staff/me/wechat').set(bearer(hq)).expect(200);
  });

  it('refuses a bad or spent login code with a 4xx naming it, and binds nothing', async () => {
    const clerk = await staffToken(t, 'demo-clerk');
    const bad = await t.http.post('/api/v1/staff/me/wechat').set(bearer(clerk)).send({ code: 'not-a-code' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const missing = await t.http.post('/api/v1/staff/me/wechat').set(bearer(clerk)).send({}).expect(400);
    expect(JSON.stringify(missing.body)).toContain('code');
    const code = await wechatCode(t, 'stw-clerk');
    await t.http.post('/api/v1/staff/me/wechat').set(bearer(clerk)).send({ code }).expect(200);
    await t.http.delete('/api/v1/staff/me/wechat').set(bearer(clerk)).expect(200);
    const reused = await t.http.post('/api/v1/staff/me/wechat').set(bearer(clerk)).send({ code });
    expect(reused.status).toBeGreaterThanOrEqual(400);
    expect(reused.status).toBeLessThan(500);
    expect((await binding(clerk)).bound).toBe(false);
  });
});
