import type { AppBanReportsView, CampaignView } from '@huiyuan/shared-types';
import { DomainEvents } from '../../src/common/events/domain-events';
import { ReportSubscriptionsUseCase } from '../../src/subscriptions/usecases/report-subscriptions.usecase';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H';
/** 12:00 in Shanghai, a Tuesday. */
const NOON = '2026-12-01T04:00:00.000Z';

/**
 * Issue 15's 20005 rule: one member's mini-program reporting that the app is banned (a modified client,
 * one phone's glitch) must not stop HQ's marketing; WECHAT_BAN_REPORTS_TO_PAUSE (3) different members
 * within WECHAT_BAN_REPORT_WINDOW_HOURS (24), counted since HQ last resumed, pause every campaign once.
 */
describe('20005 reports from members pause every campaign only when enough members report', () => {
  let t: TestApp;
  let hq: string;
  let list: JoinedMember[];
  let campaignId: number;
  let bans: jest.SpyInstance;

  beforeAll(async () => {
    t = await startTestApp({ now: NOON, env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    list = [];
    for (let i = 0; i < 8; i++) list.push(await joinMember(t, `ban-${i}`, 's=S001'));
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; wechatTemplateId: string }>;
    const tag = (await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: '封禁测试' }).expect(201)).body as { id: number };
    await t.http.put(`/api/v1/staff/members/${list[0]!.id}/tags/${tag.id}`).set(bearer(hq)).expect(200);
    const rules = { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] };
    const segmentId = ((await t.http.post('/api/v1/staff/segments').set(bearer(hq)).send({ name: '封禁测试', rules }).expect(201)).body as { id: number }).id;
    // Scheduled for tomorrow: a campaign waiting to send, which a ban pauses too.
    const campaign = (
      await t.http
        .post('/api/v1/staff/campaigns')
        .set(bearer(hq))
        .send({
          name: '会员日',
          templateId: templates.find((x) => x.wechatTemplateId === ACTIVITY)!.id,
          fieldValues: { thing1: '会员日', thing2: '积分可用', date3: '{date}', thing4: '详见小程序' },
          page: 'pages/home/index',
          segmentId,
          sendAt: '2026-12-02T04:00:00.000Z',
        })
        .expect(201)
    ).body as CampaignView;
    campaignId = campaign.id;
    await t.http.post(`/api/v1/staff/campaigns/${campaignId}/launch`).set(bearer(hq)).expect(200);
    bans = jest.spyOn(t.get(DomainEvents), 'publish');
  });
  afterAll(async () => {
    await t.close();
  });

  const report = (m: JoinedMember) => t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ errCode: 20005 }).expect(200);
  const watch = async () => (await t.http.get('/api/v1/staff/app-ban-reports').set(bearer(hq)).expect(200)).body as AppBanReportsView;
  const campaignStatus = async () => ((await t.http.get(`/api/v1/staff/campaigns/${campaignId}`).set(bearer(hq)).expect(200)).body as CampaignView).status;
  const published = () => bans.mock.calls.filter(([, event]) => event === 'messaging.app_banned').length;

  /** The pause arrives through the outbox and the queue: waits until it has, however slow the machine. */
  async function pausedCampaign(): Promise<CampaignView> {
    for (let i = 0; i < 300; i++) {
      const view = (await t.http.get(`/api/v1/staff/campaigns/${campaignId}`).set(bearer(hq)).expect(200)).body as CampaignView;
      if (view.status === 'paused') return view;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the campaign was never paused');
  }

  /** A minute later, HQ resumes the campaign the reports paused: what was reported before no longer counts. */
  async function resume(): Promise<void> {
    await pausedCampaign();
    t.clock.advance(60_000);
    hq = await staffToken(t, 'demo-hq');
    await t.http.post(`/api/v1/staff/campaigns/${campaignId}/resume`).set(bearer(hq)).expect(200);
    expect(await campaignStatus()).toBe('scheduled');
  }

  it('one and two members do not pause, the same member five times is one, the third member pauses once', async () => {
    expect(await watch()).toEqual({ members: 0, since: null, threshold: 3, windowHours: 24, paused: null });
    for (let i = 0; i < 5; i++) await report(list[0]!);
    expect(await watch()).toMatchObject({ members: 1, since: NOON, paused: null });
    await report(list[1]!);
    expect(await watch()).toMatchObject({ members: 2, paused: null });
    expect(await campaignStatus()).toBe('scheduled');
    expect(published()).toBe(0);

    await report(list[2]!);
    expect(published()).toBe(1);
    const view = await watch();
    expect(view).toMatchObject({ members: 3, since: NOON, paused: { at: NOON } });
    expect(view.paused!.reason).toMatch(/^3 位会员的小程序自 12\/1 12:00 起报告 20005/);
    expect((await pausedCampaign()).pauseReason).toBe(view.paused!.reason);
    // A real ban shows on every phone: more reports while paused change nothing.
    await report(list[3]!);
    expect(published()).toBe(1);
    expect(await watch()).toMatchObject({ members: 4, paused: { at: NOON } });
  });

  it('after HQ resumes, the reports from before no longer count', async () => {
    await resume();
    expect(await watch()).toMatchObject({ members: 0, since: null, paused: null });
    await report(list[4]!);
    await report(list[5]!);
    expect(await watch()).toMatchObject({ members: 2, paused: null });
    expect(published()).toBe(1);
    // A member who reported before the resume counts again when they report after it.
    await report(list[0]!);
    expect(published()).toBe(2);
    expect((await pausedCampaign()).pauseReason).toMatch(/^3 位会员/);
  });

  it('reports that reach the threshold together pause once', async () => {
    for (let round = 0; round < 3; round++) {
      await resume();
      const before = published();
      await report(list[0]!);
      await report(list[1]!);
      // The third member and five more at once: each sees the others' reports only through the lock.
      await Promise.all(list.slice(2).map(report));
      expect(published()).toBe(before + 1);
      expect(await watch()).toMatchObject({ members: list.length, paused: { reason: expect.stringMatching(/^[3-8] 位会员/) } });
    }
  });

  it('reports older than the window do not count', async () => {
    await resume();
    const usecase = t.get(ReportSubscriptionsUseCase);
    const before = published();
    await usecase.execute(list[0]!.id, { errCode: 20005 });
    t.clock.advance(25 * 3_600_000);
    hq = await staffToken(t, 'demo-hq');
    await usecase.execute(list[1]!.id, { errCode: 20005 });
    await usecase.execute(list[2]!.id, { errCode: 20005 });
    expect(await watch()).toMatchObject({ members: 2, paused: null });
    expect(published()).toBe(before);
  });
});
