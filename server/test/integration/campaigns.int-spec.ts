import type { CampaignAudience, CampaignResults, CampaignView } from '@huiyuan/shared-types';
import { CampaignSweepJob } from '../../src/campaigns/campaign-sweep.job';
import { isHeldOut } from '../../src/campaigns/campaign-rules';
import { CAMPAIGN_JOB_SIZE, DeliveryDispatcher, SEND_JOB } from '../../src/campaigns/delivery-dispatcher';
import { DeliveryWorker } from '../../src/campaigns/delivery-worker';
import { RenderContexts } from '../../src/campaigns/render-contexts';
import { MessageDelivery } from '../../src/campaigns/message-delivery';
import { sqlDate } from '../../src/common/db/sql';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { JobQueue } from '../../src/common/queue/job-queue';
import { SubscriptionQuota } from '../../src/subscriptions/subscription-quota';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H';
const POINTS_CHANGED = 'sbxPointsChange0aT3qJ9vXw2LmKd7NfYcR4uE5hGzB1o';
/** 12:00 in Shanghai, a Tuesday. */
const NOON = '2026-12-01T04:00:00.000Z';

describe('template-message campaigns', () => {
  let t: TestApp;
  let hq: string;
  let templateIds: Map<string, number>;
  let openidSeq = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: NOON, env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; wechatTemplateId: string }>;
    templateIds = new Map(templates.map((x) => [x.wechatTemplateId, x.id]));
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(async () => {
    await at(NOON);
    await t.http.delete('/sandbox/wechat/dev/faults').expect(200);
  });

  /** Moves the clock; a staff token from another time would not be accepted, so HQ signs in again. */
  async function at(utc: string): Promise<void> {
    t.clock.set(utc);
    hq = await staffToken(t, 'demo-hq');
  }

  /** Members who accepted the template `accepts` times: in WeChat (the sandbox) and in our ledger. */
  async function members(count: number, accepts = 1, wechatTemplateId = ACTIVITY): Promise<JoinedMember[]> {
    const joined: JoinedMember[] = [];
    for (let i = 0; i < count; i++) joined.push(await joinMember(t, `cmp-${++openidSeq}`, 's=S001'));
    if (accepts > 0) await grant(joined, accepts, wechatTemplateId);
    return joined;
  }

  /**
   * Accepts in WeChat (the sandbox, which pushes the popup events that credit our ledger), or, with
   * inWechat false, in our ledger only: a count WeChat does not share. All the accepts go out first,
   * then one wait for every push: the wait ends as soon as they arrived, however slow the machine.
   */
  async function grant(list: JoinedMember[], accepts: number, wechatTemplateId = ACTIVITY, inWechat = true): Promise<void> {
    const templateId = templateIds.get(wechatTemplateId)!;
    if (!inWechat) {
      for (const m of list) await t.get(TransactionRunner).run((em) => t.get(SubscriptionQuota).credit(em, m.id, templateId, accepts));
      return;
    }
    const expected = new Map<number, number>();
    for (const m of list) {
      expected.set(m.id, (await remaining(m, wechatTemplateId)) + accepts);
      for (let i = 0; i < accepts; i++) await t.http.post('/sandbox/wechat/dev/subscribe').send({ openid: m.openid, templateIds: [wechatTemplateId] }).expect(200);
    }
    let waiting = list;
    for (let i = 0; i < 600 && waiting.length > 0; i++) {
      const left: JoinedMember[] = [];
      for (const m of waiting) if ((await remaining(m, wechatTemplateId)) < expected.get(m.id)!) left.push(m);
      waiting = left;
      if (waiting.length > 0) await new Promise((r) => setTimeout(r, 50));
    }
    for (const m of list) expect(await remaining(m, wechatTemplateId)).toBe(expected.get(m.id));
  }

  async function remaining(m: JoinedMember, wechatTemplateId = ACTIVITY): Promise<number> {
    return t.get(TransactionRunner).read((em) => t.get(SubscriptionQuota).remaining(em, m.id, templateIds.get(wechatTemplateId)!));
  }

  /** A segment of exactly these members, through a manual tag. */
  async function segmentOf(list: JoinedMember[]): Promise<number> {
    const tag = (await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: `活动-${++openidSeq}` }).expect(201)).body as { id: number };
    for (const m of list) await t.http.put(`/api/v1/staff/members/${m.id}/tags/${tag.id}`).set(bearer(hq)).expect(200);
    const rules = { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] };
    return ((await t.http.post('/api/v1/staff/segments').set(bearer(hq)).send({ name: `分群-${openidSeq}`, rules }).expect(201)).body as { id: number }).id;
  }

  function draft(segmentId: number, over: Record<string, unknown> = {}) {
    return {
      name: '双十二会员日',
      templateId: templateIds.get(ACTIVITY),
      fieldValues: { thing1: '{nickname}的会员日', thing2: '您有{points}积分可用', date3: '{date}', thing4: '{tier}专享，详见小程序' },
      page: 'pages/home/index',
      segmentId,
      ...over,
    };
  }

  async function create(segmentId: number, over: Record<string, unknown> = {}): Promise<CampaignView> {
    return (await t.http.post('/api/v1/staff/campaigns').set(bearer(hq)).send(draft(segmentId, over)).expect(201)).body as CampaignView;
  }

  async function results(id: number): Promise<CampaignResults> {
    return (await t.http.get(`/api/v1/staff/campaigns/${id}/results`).set(bearer(hq)).expect(200)).body as CampaignResults;
  }

  /** Lets the dispatcher, the workers and the sweep run until the campaign stops changing. */
  async function settle(id: number, until: (r: CampaignResults) => boolean = (r) => r.status === 'completed'): Promise<CampaignResults> {
    // Generous: a loaded 2-core machine runs the worker slowly.
    for (let i = 0; i < 600; i++) {
      await t.get(DeliveryDispatcher).drain();
      await t.get(CampaignSweepJob).run();
      const r = await results(id);
      if (until(r)) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`campaign ${id} did not settle: ${JSON.stringify(await results(id))}`);
  }

  async function outboxFor(openid: string): Promise<Array<{ templateId: string; page: string; data: Record<string, { value: string }> }>> {
    return ((await t.http.get('/sandbox/wechat/dev/outbox').query({ openid }).expect(200)).body as { items: Array<{ templateId: string; page: string; data: Record<string, { value: string }> }> }).items;
  }

  it('refuses a campaign it could not send, naming the field', async () => {
    const segmentId = await segmentOf(await members(1, 0));
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await t.http.post('/api/v1/staff/campaigns').set(bearer(hq)).send(draft(segmentId, over)).expect(400);
      expect(res.body.error.message).toContain(field);
    };
    await bad({ fieldValues: { thing1: '{balance}', thing2: 'x', date3: '{date}', thing4: 'x' } }, 'fieldValues.thing1');
    await bad({ fieldValues: { thing1: 'x', date3: '{date}', thing4: 'x' } }, 'fieldValues.thing2');
    // A service template's accepts are the member's for notifications, never for marketing.
    await bad({ templateId: templateIds.get(POINTS_CHANGED) }, 'templateId');
    await bad({ segmentId: 999999 }, 'segmentId');
    await bad({ page: '/pages/home/index' }, 'page');
    await bad({ holdoutPercent: 80 }, 'holdoutPercent');
    const clerk = await staffToken(t, 'demo-clerk');
    await t.http.post('/api/v1/staff/campaigns').set(bearer(clerk)).send(draft(segmentId)).expect(403);
  });

  it('sends each reachable member the rendered message once, spends one accept each, and counts opens', async () => {
    const reachable = await members(3);
    const noQuota = await members(1, 0);
    const segmentId = await segmentOf([...reachable, ...noQuota]);
    const campaign = await create(segmentId);

    const audience = (await t.http.get(`/api/v1/staff/campaigns/${campaign.id}/audience`).set(bearer(hq)).expect(200)).body as CampaignAudience;
    expect(audience).toMatchObject({ segmentSize: 4, withoutOpenid: 0, withoutQuota: 1, capped: 0, heldOut: 0, reachable: 3 });
    expect(audience.samples).toHaveLength(3);
    expect(audience.samples[0]!.data).toMatchObject({ thing1: { value: '会员的会员日' }, date3: { value: '2026年12月1日' } });

    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    const done = await settle(campaign.id);
    expect(done.byStatus).toEqual({ sent: 3, skipped_quota: 1 });
    for (const m of reachable) {
      const got = await outboxFor(m.openid);
      expect(got).toHaveLength(1);
      expect(got[0]!.page).toBe(`pages/home/index?campaignId=${campaign.id}`);
      expect(got[0]!.data.thing2!.value).toMatch(/^您有\d+积分可用$/);
      expect(await remaining(m)).toBe(0);
    }
    expect(await outboxFor(noQuota[0]!.openid)).toHaveLength(0);

    // Launching again, or the sweep and dispatcher running again, sends nothing more.
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(409);
    await settle(campaign.id);
    for (const m of reachable) expect(await outboxFor(m.openid)).toHaveLength(1);

    await t.http.post('/api/v1/campaign-opens').set(bearer(reachable[0]!.token)).send({ campaignId: campaign.id }).expect(204);
    await t.http.post('/api/v1/campaign-opens').set(bearer(reachable[0]!.token)).send({ campaignId: campaign.id }).expect(204);
    expect((await results(campaign.id)).opened).toBe(1);
  });

  it('holds messages through quiet hours across midnight and releases them at 08:00 business time', async () => {
    const list = await members(2);
    const campaign = await create(await segmentOf(list));
    // 23:30 in Shanghai (15:30 UTC, still the same UTC day).
    await at('2026-12-01T15:30:00.000Z');
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    const held = await settle(campaign.id, (r) => r.total === 2);
    expect(held.byStatus).toEqual({ queued: 2 });
    // HQ's progress says why nothing moves, and until when.
    expect(held.quietUntil).toBe('2026-12-02T00:00:00.000Z');
    // 07:59 the next morning: still held.
    await at('2026-12-01T23:59:00.000Z');
    expect((await settle(campaign.id, (r) => r.total === 2)).byStatus).toEqual({ queued: 2 });
    for (const m of list) expect(await outboxFor(m.openid)).toHaveLength(0);
    await at('2026-12-02T00:00:00.000Z');
    const released = await settle(campaign.id);
    expect(released.byStatus).toEqual({ sent: 2 });
    expect(released.quietUntil).toBeNull();
  });

  it('caps campaign messages per business week: Sunday 23:00 and Monday 00:30 Shanghai are different weeks', async () => {
    const [m] = await members(1, 3);
    const segmentId = await segmentOf([m!]);
    const send = async (utc: string) => {
      await at(utc);
      const c = await create(segmentId, { weeklyCap: 1, quietStart: '00:00', quietEnd: '00:00' });
      await t.http.post(`/api/v1/staff/campaigns/${c.id}/launch`).set(bearer(hq)).expect(200);
      return (await settle(c.id)).byStatus;
    };
    // Sunday 6 Dec 22:00 and 23:00 in Shanghai (14:00 and 15:00 UTC).
    expect(await send('2026-12-06T14:00:00.000Z')).toEqual({ sent: 1 });
    expect(await send('2026-12-06T15:00:00.000Z')).toEqual({ skipped_cap: 1 });
    // Monday 00:30 in Shanghai is still Sunday in UTC: a new business week all the same.
    expect(await send('2026-12-06T16:30:00.000Z')).toEqual({ sent: 1 });
    // A capped member keeps the accept the cap saved.
    expect(await remaining(m!)).toBe(1);
  });

  it('holds the weekly cap when two campaigns send to the same members at the same moment', async () => {
    const list = await members(8, 2);
    const segmentId = await segmentOf(list);
    // Held by quiet hours until 13:00, so both campaigns' deliveries exist before either sends.
    const both = [await create(segmentId, { weeklyCap: 1, quietStart: '11:00', quietEnd: '13:00' }), await create(segmentId, { weeklyCap: 1, quietStart: '11:00', quietEnd: '13:00' })];
    for (const c of both) await t.http.post(`/api/v1/staff/campaigns/${c.id}/launch`).set(bearer(hq)).expect(200);
    for (const c of both) expect((await settle(c.id, (r) => r.total === list.length)).byStatus).toEqual({ queued: list.length });
    await at('2026-12-01T05:00:00.000Z');
    const deliveryIds = (campaignId: number) =>
      t.get(TransactionRunner).read(async (em) => ((await em.query('SELECT id FROM campaign_deliveries WHERE campaign_id = ? ORDER BY id', [campaignId])) as Array<{ id: number }>).map((r) => Number(r.id)));
    const batches = await Promise.all(both.map((c) => deliveryIds(c.id)));
    // Two workers, one per campaign, claiming the same members concurrently.
    await Promise.all(batches.map((ids) => t.get(DeliveryWorker).process(ids)));
    const [first, second] = await Promise.all(both.map(async (c) => (await settle(c.id)).byStatus));
    for (const m of list) expect(await outboxFor(m.openid)).toHaveLength(1);
    expect((first!.sent ?? 0) + (second!.sent ?? 0)).toBe(list.length);
    expect((first!.skipped_cap ?? 0) + (second!.skipped_cap ?? 0)).toBe(list.length);
    // The capped message kept its accept.
    for (const m of list) expect(await remaining(m)).toBe(1);
  });

  it("20005 from three members' mini-programs (the app is banned) pauses every sending campaign; fewer do not", async () => {
    const list = await members(3);
    // Held by quiet hours: sending, with nothing sent yet.
    const campaign = await create(await segmentOf(list), { quietStart: '11:00', quietEnd: '13:00' });
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    expect((await settle(campaign.id, (r) => r.total === list.length)).status).toBe('sending');
    const report = (member: JoinedMember, body: object) => t.http.post('/api/v1/subscriptions/reports').set(bearer(member.token)).send(body);
    const refusal = async (body: object) => ((await report(list[0]!, body).expect(400)).body as { error: { message: string } }).error.message;
    expect(await refusal({ errCode: 20005, results: { [ACTIVITY]: 'accept' } })).toMatch(/errCode/);
    expect(await refusal({ errCode: 20006 })).toMatch(/errCode/);
    expect(await refusal({})).toMatch(/results/);
    await report(list[0]!, { errCode: 20004 }).expect(200);
    for (const m of list.slice(0, 2)) await report(m, { errCode: 20005 }).expect(200);
    expect((await settle(campaign.id, () => true)).status).toBe('sending');
    await report(list[2]!, { errCode: 20005 }).expect(200);
    const paused = await settle(campaign.id, (r) => r.status === 'paused');
    expect(paused.byStatus).toEqual({ queued: list.length });
    const view = (await t.http.get(`/api/v1/staff/campaigns/${campaign.id}`).set(bearer(hq)).expect(200)).body as CampaignView;
    expect(view.pauseReason).toMatch(/3 位会员.*20005/);
    // Past the quiet hours nothing goes out while paused.
    await at('2026-12-01T05:30:00.000Z');
    expect((await settle(campaign.id, (r) => r.status === 'paused')).byStatus).toEqual({ queued: list.length });
    for (const m of list) expect(await outboxFor(m.openid)).toHaveLength(0);
  });

  it('holds out a stable share of the reachable audience, which spends nothing', async () => {
    const list = await members(30);
    const campaign = await create(await segmentOf(list), { holdoutPercent: 30 });
    const expectedOut = list.filter((m) => isHeldOut(campaign.id, m.id, 30));
    const audience = (await t.http.get(`/api/v1/staff/campaigns/${campaign.id}/audience`).set(bearer(hq)).expect(200)).body as CampaignAudience;
    expect(audience.heldOut).toBe(expectedOut.length);
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    const done = await settle(campaign.id);
    expect(done.byStatus.skipped_holdout ?? 0).toBe(expectedOut.length);
    expect(done.byStatus.sent).toBe(30 - expectedOut.length);
    for (const m of expectedOut) {
      expect(await outboxFor(m.openid)).toHaveLength(0);
      expect(await remaining(m)).toBe(1);
    }
    expect(done.attribution?.holdout.members).toBe(expectedOut.length);
  });

  it('pauses, resumes and cancels mid-send', async () => {
    // Mid-send needs more members than the worker claims at once (4 jobs of CAMPAIGN_JOB_SIZE ids, each
    // claimed whole) and a slow WeChat: the pause lands while the rest wait.
    const audience = 4 * CAMPAIGN_JOB_SIZE + 40;
    const list = await members(audience);
    const segmentId = await segmentOf(list);
    await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/cgi-bin/message/subscribe/send', latencyMs: 3000 }).expect(201);
    const campaign = await create(segmentId);
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    await settle(campaign.id, (r) => (r.byStatus.sending ?? 0) >= 1);
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/pause`).set(bearer(hq)).expect(200);
    const paused = await settle(campaign.id, (r) => (r.byStatus.sending ?? 0) === 0);
    expect(paused.status).toBe('paused');
    expect(paused.byStatus.queued).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect((await settle(campaign.id, () => true)).byStatus.sent).toBe(paused.byStatus.sent);

    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/resume`).set(bearer(hq)).expect(200);
    await t.http.delete('/sandbox/wechat/dev/faults').expect(200);
    expect((await settle(campaign.id)).byStatus).toEqual({ sent: audience });

    // Cancel: whatever was still queued is cancelled, never sent.
    await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/cgi-bin/message/subscribe/send', latencyMs: 3000 }).expect(201);
    const second = await create(segmentId);
    await grant(list, 1);
    await t.http.post(`/api/v1/staff/campaigns/${second.id}/launch`).set(bearer(hq)).expect(200);
    await settle(second.id, (r) => (r.byStatus.sending ?? 0) >= 1);
    await t.http.post(`/api/v1/staff/campaigns/${second.id}/cancel`).set(bearer(hq)).expect(200);
    const cancelled = await settle(second.id, (r) => (r.byStatus.sending ?? 0) === 0 && (r.byStatus.queued ?? 0) === 0);
    expect(cancelled.status).toBe('cancelled');
    expect((cancelled.byStatus.sent ?? 0) + (cancelled.byStatus.cancelled ?? 0)).toBe(audience);
    expect(cancelled.byStatus.cancelled).toBeGreaterThan(0);
    await t.http.post(`/api/v1/staff/campaigns/${second.id}/resume`).set(bearer(hq)).expect(409);
  }, 240_000);

  it('a pause that lands while a batch is being prepared stops that batch', async () => {
    const list = await members(3);
    const segmentId = await segmentOf(list);
    const campaign = await create(segmentId);
    // The worker has read the campaign (sending) and is rendering when HQ pauses: nothing of that batch may go out.
    const contexts = t.get(RenderContexts);
    const prepare = contexts.forMembers.bind(contexts);
    const spy = jest.spyOn(contexts, 'forMembers').mockImplementationOnce(async (...args) => {
      await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/pause`).set(bearer(hq)).expect(200);
      return prepare(...args);
    });
    try {
      await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
      await settle(campaign.id, (r) => r.status === 'paused' && spy.mock.calls.length > 0 && (r.byStatus.queued ?? 0) === 3);
      await new Promise((r) => setTimeout(r, 300));
      expect((await settle(campaign.id, () => true)).byStatus).toEqual({ queued: 3 });
      for (const m of list) expect(await outboxFor(m.openid)).toHaveLength(0);
    } finally {
      spy.mockRestore();
    }
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/resume`).set(bearer(hq)).expect(200);
    expect((await settle(campaign.id)).byStatus).toEqual({ sent: 3 });
  });

  it('43101 zeroes the ledger; a transient error is retried with backoff and sent once', async () => {
    const [refused] = await members(1, 0);
    // Our ledger believes in an accept WeChat does not have.
    await grant([refused!], 2, ACTIVITY, false);
    const [flaky] = await members(1);
    const campaign = await create(await segmentOf([refused!, flaky!]));
    await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/cgi-bin/message/subscribe/send', errcode: -1, times: 1 }).expect(201);
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    // The retry waits its backoff: move the clock past it.
    const first = await settle(campaign.id, (r) => (r.byStatus.failed ?? 0) + (r.byStatus.sent ?? 0) >= 1 && (r.byStatus.sending ?? 0) === 0);
    t.clock.advance(5 * 60_000);
    const done = await settle(campaign.id);
    expect(first.total).toBe(2);
    expect(done.byStatus).toEqual({ sent: 1, failed: 1 });
    expect(done.failedByErrcode).toEqual([{ errcode: 43101, count: 1 }]);
    expect(await remaining(refused!)).toBe(0);
    expect(await outboxFor(flaky!.openid)).toHaveLength(1);
  });

  it('pauses by itself when too many sends fail', async () => {
    const list = await members(60);
    await t.http.post('/sandbox/wechat/dev/faults').send({ path: '/cgi-bin/message/subscribe/send', errcode: 41030 }).expect(201);
    const campaign = await create(await segmentOf(list));
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    const paused = await settle(campaign.id, (r) => r.status === 'paused' && (r.byStatus.sending ?? 0) === 0);
    expect(paused.pauseReason).toContain('失败率');
    expect(paused.byStatus.failed).toBeGreaterThanOrEqual(50);
    // Failures other than 43101 give the accept back.
    expect(await remaining(list[0]!)).toBe(1);
  });

  it('a claim left by a dead worker is settled as unknown and never sent again', async () => {
    const [m] = await members(1);
    const campaign = await create(await segmentOf([m!]));
    // Launched in quiet hours (23:30 in Shanghai): the live worker holds the row and never claims it, so
    // the only claim is the dead worker's below (launched at noon, the live worker could send it first).
    const late = '2026-12-01T15:30:00.000Z';
    await at(late);
    await t.http.post(`/api/v1/staff/campaigns/${campaign.id}/launch`).set(bearer(hq)).expect(200);
    await settle(campaign.id, (r) => r.total === 1);
    // As if a worker claimed it an hour ago and died before calling WeChat.
    await t.get(TransactionRunner).run((em) => em.query("UPDATE campaign_deliveries SET status = 'sending', claimed_at = ? WHERE campaign_id = ? AND status = 'queued'", [sqlDate(em, new Date(Date.parse(late) - 3_600_000)), campaign.id]));
    expect((await results(campaign.id)).byStatus).toEqual({ sending: 1 });
    const done = await settle(campaign.id);
    expect(done.byStatus).toEqual({ unknown: 1 });
  });

  it('automations enqueue through the same path, once per occurrence, on the service lane', async () => {
    const [m] = await members(1, 1, POINTS_CHANGED);
    const delivery = t.get(MessageDelivery);
    const enqueue = () =>
      t.get(TransactionRunner).run((em) =>
        delivery.enqueue(em, {
          automationId: 7,
          occurrenceKey: 'points:2026-12-01',
          memberId: m!.id,
          templateId: templateIds.get(POINTS_CHANGED)!,
          fieldValues: { thing1: '消费奖励', number2: '10', number3: '{points}', time4: '2026年12月1日 12:00', character_string5: '{cardNo}' },
          page: 'packages/points/index',
          lane: 'service',
        }),
      );
    const added = jest.spyOn(t.get(JobQueue), 'add');
    const first = await enqueue();
    const again = await enqueue();
    expect(first.created).toBe(true);
    expect(again).toEqual({ deliveryId: first.deliveryId, created: false });
    for (let i = 0; i < 100 && (await outboxFor(m!.openid)).length === 0; i++) {
      await t.get(DeliveryDispatcher).drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    const got = await outboxFor(m!.openid);
    expect(got).toHaveLength(1);
    expect(got[0]!.data.character_string5!.value).toBe(m!.cardNo);
    // Its send job is not low priority: it runs ahead of any campaign backlog (job-queue.spec.ts).
    const job = added.mock.calls.find(([name, data]) => name === SEND_JOB && (data as { ids: number[] }).ids.includes(first.deliveryId));
    added.mockRestore();
    expect(job?.[2]?.lowPriority).toBe(false);
  });
});
