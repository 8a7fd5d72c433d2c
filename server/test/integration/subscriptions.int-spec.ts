import { MemberSubscriptionsView, MessageTemplateView } from '@huiyuan/shared-types';
import { randomBytes } from 'node:crypto';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { MessageTemplatesService } from '../../src/subscriptions/message-templates.service';
import { SubscribeEventsRepository } from '../../src/subscriptions/subscribe-events.repository';
import { SubscriptionQuota } from '../../src/subscriptions/subscription-quota';
import { encryptPushMessage, pushSignature } from '../../src/wechat/push-crypto';
import { WechatGateway } from '../../src/wechat/wechat-gateway';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const CHECKIN = 'sbxCheckinReminder3Hn8Qw5ZpLx2VbKd9MfTy4RcGs6J';
const POINTS = 'sbxPointsChange0aT3qJ9vXw2LmKd7NfYcR4uE5hGzB1o';
const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H';

describe('subscribe messages: templates, grants and the quota ledger', () => {
  let t: TestApp;
  let hq: string;
  let clerk: string;
  let createTime = 1_796_000_000;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
    [hq, clerk] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-clerk')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const appId = () => t.get(MessageTemplatesService).appId;
  const templateId = async (wechatId: string) => (await t.get(TransactionRunner).read((m) => t.get(MessageTemplatesService).byWechatId(m, wechatId)))!.id;
  const mine = async (member: JoinedMember) => (await t.http.get('/api/v1/subscriptions').set(bearer(member.token)).expect(200)).body as MemberSubscriptionsView;
  const grantOf = async (member: JoinedMember, wechatId: string) => (await mine(member)).items.find((i) => i.wechatTemplateId === wechatId)!;

  /** A push as WeChat sends it in safe mode: the JSON event encrypted, msg_signature over the Encrypt value. */
  const push = (event: Record<string, unknown>, options: { appId?: string; tamper?: boolean } = {}) => {
    const { token, aesKey } = t.config.wechat.push;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const Encrypt = encryptPushMessage(aesKey!, options.appId ?? appId(), JSON.stringify({ ToUserName: 'gh_sandbox', CreateTime: createTime++, MsgType: 'event', ...event }));
    const msgSignature = pushSignature(token!, timestamp, nonce, options.tamper ? `${Encrypt}x` : Encrypt);
    return t.http
      .post(`/api/v1/wechat/push?signature=${pushSignature(token!, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`)
      .send({ ToUserName: 'gh_sandbox', Encrypt });
  };
  const popup = (openid: string, list: Array<[string, 'accept' | 'reject']>) =>
    push({ FromUserName: openid, Event: 'subscribe_msg_popup_event', List: list.map(([TemplateId, SubscribeStatusString]) => ({ TemplateId, SubscribeStatusString, PopupScene: '0' })) });

  it('registers the sandbox development set at start, per app, and lets HQ register and edit templates', async () => {
    const list = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as MessageTemplateView[];
    expect(list.find((x) => x.wechatTemplateId === CHECKIN)).toMatchObject({ code: 'checkin_reminder', purpose: 'service', title: '签到提醒', appId: appId(), page: 'packages/checkin/index' });
    expect(list.find((x) => x.wechatTemplateId === ACTIVITY)).toMatchObject({ code: 'member_activity', purpose: 'campaign' });
    await t.http.get('/api/v1/staff/message-templates').set(bearer(clerk)).expect(403);

    const library = (await t.http.get('/api/v1/staff/message-templates/library').set(bearer(hq)).expect(200)).body as Array<{ wechatTemplateId: string; registered: boolean; fields: unknown[] }>;
    expect(library.find((x) => x.wechatTemplateId === POINTS)).toMatchObject({ registered: true, fields: expect.arrayContaining([{ key: 'thing1', type: 'thing', label: '变动原因' }]) as unknown });

    const body = { wechatTemplateId: 'tplHqRegistered01', title: '到店礼遇通知', fields: [{ key: 'thing1', type: 'thing', label: '礼遇内容' }, { key: 'date2', type: 'date', label: '有效期' }], purpose: 'campaign', page: 'packages/coupons/index?from=msg' };
    const created = (await t.http.post('/api/v1/staff/message-templates').set(bearer(hq)).send(body).expect(201)).body as MessageTemplateView;
    expect(created).toMatchObject({ code: null, purpose: 'campaign', active: true, membersWithQuota: 0 });
    await t.http.post('/api/v1/staff/message-templates').set(bearer(hq)).send(body).expect(409);
    const mistyped = await t.http.post('/api/v1/staff/message-templates').set(bearer(hq)).send({ ...body, wechatTemplateId: 'tplOther', fields: [{ key: 'thing1', type: 'number', label: 'x' }] }).expect(400);
    expect(JSON.stringify(mistyped.body)).toContain('thing1 is a thing field');
    const badPage = await t.http.post('/api/v1/staff/message-templates').set(bearer(hq)).send({ ...body, wechatTemplateId: 'tplOther', page: 'pages/nowhere/index' }).expect(400);
    expect(JSON.stringify(badPage.body)).toContain('not a page of the mini-program');
    await t.http.post('/api/v1/staff/message-templates').set(bearer(hq)).send({ ...body, wechatTemplateId: 'tplOther', code: 'checkin_reminder' }).expect(409);
    const edited = (await t.http.put(`/api/v1/staff/message-templates/${created.id}`).set(bearer(hq)).send({ ...body, title: '到店礼遇提醒', active: false }).expect(200)).body as MessageTemplateView;
    expect(edited).toMatchObject({ title: '到店礼遇提醒', active: false });
    await t.http.put('/api/v1/staff/message-templates/999999').set(bearer(hq)).send(body).expect(404);
  });

  it('credits an accept once, whether the client report or WeChat\'s popup event comes first', async () => {
    const m = await joinMember(t, 'sub-credit');
    // The client reports first: counted at once, unconfirmed until WeChat's event.
    const reported = (await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { [CHECKIN]: 'accept', [POINTS]: 'reject' } }).expect(200)).body as MemberSubscriptionsView;
    expect(reported.items.find((i) => i.wechatTemplateId === CHECKIN)).toMatchObject({ remaining: 1, unconfirmed: 1 });
    expect(reported.items.find((i) => i.wechatTemplateId === POINTS)).toMatchObject({ remaining: 0 });
    expect(reported.moments).toEqual({ checkin: [CHECKIN], redeem: ['sbxCouponExpiring7pVb2Xs9KqLw4DmNe6RtYcFh3JgU8'], card: [POINTS, ACTIVITY] });
    await popup(m.openid, [[CHECKIN, 'accept'], [POINTS, 'reject']]).expect(200, 'success');
    expect(await grantOf(m, CHECKIN)).toMatchObject({ remaining: 1, unconfirmed: 0, status: 'active' });

    // WeChat's event first, then the client's report of the same tap: still one.
    await popup(m.openid, [[CHECKIN, 'accept']]).expect(200);
    expect(await grantOf(m, CHECKIN)).toMatchObject({ remaining: 2, unconfirmed: 0 });
    await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { [CHECKIN]: 'accept' } }).expect(200);
    expect(await grantOf(m, CHECKIN)).toMatchObject({ remaining: 2, unconfirmed: 0 });

    // The client says accept but WeChat says reject: WeChat is the record.
    await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { [POINTS]: 'accept' } }).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 1, unconfirmed: 1 });
    await popup(m.openid, [[POINTS, 'reject']]).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 0, unconfirmed: 0 });

    // Bad reports are 400s that name the problem; an unknown template a 404.
    const four = await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' } }).expect(400);
    expect(JSON.stringify(four.body)).toContain('results must map 1-3 template ids');
    await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { [CHECKIN]: 'maybe' } }).expect(400);
    await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { tplNobodyRegistered: 'accept' } }).expect(404);
    expect(await grantOf(m, CHECKIN)).toMatchObject({ remaining: 2 });
  });

  it('a push WeChat repeats changes nothing; a change-to-reject zeroes the grant until the next accept', async () => {
    const m = await joinMember(t, 'sub-change');
    const event = { FromUserName: m.openid, Event: 'subscribe_msg_popup_event', List: [{ TemplateId: POINTS, SubscribeStatusString: 'accept', PopupScene: '0' }] };
    const { token, aesKey } = t.config.wechat.push;
    const timestamp = '1796000000';
    const nonce = 'n0nce';
    const Encrypt = encryptPushMessage(aesKey!, appId(), JSON.stringify({ ...event, CreateTime: 1796000000 }));
    const url = `/api/v1/wechat/push?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${pushSignature(token!, timestamp, nonce, Encrypt)}`;
    await Promise.all([1, 2, 3].map(() => t.http.post(url).send({ Encrypt }).expect(200)));
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 1 });
    await popup(m.openid, [[POINTS, 'accept']]).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 2 });

    await push({ FromUserName: m.openid, Event: 'subscribe_msg_change_event', List: [{ TemplateId: POINTS, SubscribeStatusString: 'reject' }] }).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 0, status: 'off' });
    await popup(m.openid, [[POINTS, 'accept']]).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 1, status: 'active' });
  });

  it('takes quota atomically, gives it back after a non-43101 failure and zeroes it on 43101', async () => {
    const m = await joinMember(t, 'sub-quota');
    const quota = t.get(SubscriptionQuota);
    const tx = t.get(TransactionRunner);
    const id = await templateId(CHECKIN);
    await tx.run((mgr) => quota.credit(mgr, m.id, id, 3));
    const taken = await Promise.all(Array.from({ length: 20 }, () => tx.run((mgr) => quota.take(mgr, id, [m.id]))));
    expect(taken.flat().filter(Boolean)).toHaveLength(3);
    expect(await tx.read((mgr) => quota.remaining(mgr, m.id, id))).toBe(0);
    expect(await tx.run((mgr) => quota.take(mgr, id, [m.id]))).toEqual([false]);

    await tx.run((mgr) => quota.giveBack(mgr, m.id, id));
    expect(await tx.read((mgr) => quota.remaining(mgr, m.id, id))).toBe(1);
    expect([...(await tx.read((mgr) => quota.membersWithQuota(mgr, id, [m.id, 999_999])))]).toEqual([m.id]);

    // A rolled-back claim leaves the quota as it was.
    await expect(tx.run(async (mgr) => {
      await quota.take(mgr, id, [m.id]);
      throw new Error('crash before commit');
    })).rejects.toThrow('crash before commit');
    expect(await tx.read((mgr) => quota.remaining(mgr, m.id, id))).toBe(1);

    await tx.run((mgr) => quota.credit(mgr, m.id, id, 2));
    await tx.run((mgr) => quota.zero(mgr, m.id, id));
    expect(await tx.read((mgr) => quota.remaining(mgr, m.id, id))).toBe(0);
    const list = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as MessageTemplateView[];
    expect(list.find((x) => x.id === id)!.membersWithQuota).toBeGreaterThanOrEqual(1);
  });

  it('stores each sent event by MsgID for settling sends; a 43101 there zeroes the grant', async () => {
    const m = await joinMember(t, 'sub-sent');
    await popup(m.openid, [[POINTS, 'accept'], [POINTS, 'accept']]).expect(200);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 2 });
    await push({ FromUserName: m.openid, Event: 'subscribe_msg_sent_event', List: { TemplateId: POINTS, MsgID: '1700000000000000001', ErrorCode: '0', ErrorStatus: 'success' } }).expect(200);
    await push({ FromUserName: m.openid, Event: 'subscribe_msg_sent_event', List: { TemplateId: POINTS, MsgID: '1700000000000000002', ErrorCode: '43101', ErrorStatus: 'fail_user_refuse' } }).expect(200);
    const events = t.get(SubscribeEventsRepository);
    const read = (id: string) => t.get(TransactionRunner).read((mgr) => events.sentEventFor(mgr, id));
    expect(await read('1700000000000000001')).toMatchObject({ errorCode: 0, openid: m.openid, wechatTemplateId: POINTS });
    expect(await read('1700000000000000002')).toMatchObject({ errorCode: 43101, errorStatus: 'fail_user_refuse' });
    expect(await read('1700000000000000003')).toBeNull();
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 0 });
  });

  it('sent events arriving together are stored in shared transactions, each answered after its commit; a 43101 among them still zeroes the grant', async () => {
    const m = await joinMember(t, 'sub-sent-burst');
    await popup(m.openid, [[POINTS, 'accept'], [POINTS, 'accept']]).expect(200);
    const tx = t.get(TransactionRunner);
    const transactions = jest.spyOn(tx, 'run');
    const ids = Array.from({ length: 30 }, (_, i) => `17000000000001000${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(
      ids.map((MsgID, i) =>
        push({ FromUserName: m.openid, Event: 'subscribe_msg_sent_event', List: { TemplateId: POINTS, MsgID, ErrorCode: i === 7 ? '43101' : '0', ErrorStatus: i === 7 ? 'fail_user_refuse' : 'success' } }).then(async (r) => {
          // Answered "success" only once stored: the row is there when the answer arrives.
          const stored = await tx.read((mgr) => t.get(SubscribeEventsRepository).sentEventFor(mgr, MsgID));
          return { status: r.status, text: r.text, stored: stored?.errorCode };
        }),
      ),
    );
    const used = transactions.mock.calls.length;
    transactions.mockRestore();
    expect(answers.every((a) => a.status === 200 && a.text === 'success')).toBe(true);
    expect(answers.map((a) => a.stored)).toEqual(ids.map((_, i) => (i === 7 ? 43101 : 0)));
    expect(used).toBeLessThan(ids.length);
    expect(await grantOf(m, POINTS)).toMatchObject({ remaining: 0 });
  });

  it('campaigns may only use campaign templates', async () => {
    const templates = t.get(MessageTemplatesService);
    const tx = t.get(TransactionRunner);
    const [activity, checkin] = [await templateId(ACTIVITY), await templateId(CHECKIN)];
    await expect(tx.read((m) => templates.requireForCampaign(m, activity))).resolves.toMatchObject({ purpose: 'campaign' });
    await expect(tx.read((m) => templates.requireForCampaign(m, checkin))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses pushes that WeChat did not sign or encrypt for this app, and echoes the URL check', async () => {
    const m = await joinMember(t, 'sub-forged');
    const event = { FromUserName: m.openid, Event: 'subscribe_msg_popup_event', List: [{ TemplateId: CHECKIN, SubscribeStatusString: 'accept' }] };
    const forged = await push(event, { tamper: true }).expect(401);
    expect(forged.body).toMatchObject({ error: { code: 'WECHAT_PUSH_REJECTED' } });
    const otherApp = await push(event, { appId: 'wxSomeoneElse' }).expect(401);
    expect(JSON.stringify(otherApp.body)).toContain('not ' + appId());
    // Safe mode only: a plaintext push, even correctly signed, is refused.
    const { token } = t.config.wechat.push;
    await t.http.post(`/api/v1/wechat/push?signature=${pushSignature(token!, '1', '2')}&timestamp=1&nonce=2`).send(event).expect(401);
    expect(await grantOf(m, CHECKIN)).toMatchObject({ remaining: 0 });

    const check = await t.http.get(`/api/v1/wechat/push?signature=${pushSignature(token!, '1', '2')}&timestamp=1&nonce=2&echostr=hello123`).expect(200);
    expect(check.text).toBe('hello123');
    await t.http.get('/api/v1/wechat/push?signature=bad&timestamp=1&nonce=2&echostr=hello123').expect(401);
  });
});

describe('subscribe messages through the WeChat sandbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const subscribe = (openid: string, templateIds: string[], extra: Record<string, unknown> = {}) => t.http.post('/sandbox/wechat/dev/subscribe').send({ openid, templateIds, ...extra });
  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> => {
    let value = await read();
    for (let i = 0; i < 100 && !ok(value); i++) {
      await new Promise((r) => setTimeout(r, 50));
      value = await read();
    }
    return value;
  };

  it('the sandbox answers like requestSubscribeMessage and pushes signed, encrypted popup events the server applies', async () => {
    const m = await joinMember(t, 'sbx-sub-1');
    const mine = async () => ((await t.http.get('/api/v1/subscriptions').set(bearer(m.token)).expect(200)).body as MemberSubscriptionsView).items;
    const answer = (await subscribe(m.openid, [POINTS, ACTIVITY, CHECKIN], { answers: { [ACTIVITY]: 'reject' } }).expect(200)).body as Record<string, string>;
    expect(answer).toEqual({ errMsg: 'requestSubscribeMessage:ok', [POINTS]: 'accept', [ACTIVITY]: 'reject', [CHECKIN]: 'accept' });
    // Only WeChat's event has arrived (this client never reported): counted and confirmed.
    const items = await eventually(mine, (xs) => xs.find((x) => x.wechatTemplateId === CHECKIN)!.remaining === 1);
    expect(items.find((x) => x.wechatTemplateId === CHECKIN)).toMatchObject({ remaining: 1, unconfirmed: 0 });
    expect(items.find((x) => x.wechatTemplateId === POINTS)).toMatchObject({ remaining: 1 });
    expect(items.find((x) => x.wechatTemplateId === ACTIVITY)).toMatchObject({ remaining: 0 });
    // The client's late report of the same taps pairs with the event: no double count.
    await t.http.post('/api/v1/subscriptions/reports').set(bearer(m.token)).send({ results: { [POINTS]: 'accept', [ACTIVITY]: 'reject', [CHECKIN]: 'accept' } }).expect(200);
    expect((await mine()).find((x) => x.wechatTemplateId === POINTS)).toMatchObject({ remaining: 1, unconfirmed: 0 });
    const pushes = (await t.http.get('/sandbox/wechat/dev/pushes').expect(200)).body as { items: Array<{ event: string; delivered: boolean; answer: string }> };
    expect(pushes.items.filter((p) => p.event === 'subscribe_msg_popup_event').every((p) => p.delivered && p.answer === 'success')).toBe(true);
  });

  it('push: false keeps the accept on WeChat\'s side only: no popup event, nothing credited, a send still allowed', async () => {
    const m = await joinMember(t, 'sbx-sub-nopush');
    const popups = async () => ((await t.http.get('/sandbox/wechat/dev/pushes').expect(200)).body as { items: Array<{ event: string }> }).items.filter((p) => p.event === 'subscribe_msg_popup_event').length;
    const before = await popups();
    expect((await subscribe(m.openid, [CHECKIN], { push: 'no' }).expect(400)).body).toMatchObject({ errcode: 40097, errmsg: expect.stringContaining('push must be true or false') });
    await subscribe(m.openid, [CHECKIN], { push: false }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await popups()).toBe(before);
    const mine = ((await t.http.get('/api/v1/subscriptions').set(bearer(m.token)).expect(200)).body as MemberSubscriptionsView).items;
    expect(mine.find((x) => x.wechatTemplateId === CHECKIN)).toMatchObject({ remaining: 0 });
    const message = { toOpenid: m.openid, templateId: CHECKIN, page: 'packages/checkin/index', data: { thing1: '每日签到', phrase2: '未签到', number3: '3', thing4: '今天签到可得 10 积分' } };
    await expect(t.get(WechatGateway).sendSubscribeMessage(message)).resolves.toMatchObject({ msgid: expect.any(String) });
  });

  it('answers the client errors 20003 (more than 3 ids), 20004 (main switch off), 20005 (banned) and filters repeated titles', async () => {
    const m = await joinMember(t, 'sbx-sub-2');
    const four = await subscribe(m.openid, [POINTS, ACTIVITY, CHECKIN, 'sbxWelcomeMember9Lm4Xq2WbNz7VkDs3PfTy8RcJg5Hu6']).expect(400);
    expect(four.body).toMatchObject({ errcode: 20003 });
    expect((await subscribe(m.openid, [POINTS], { errCode: 20004 }).expect(400)).body).toMatchObject({ errcode: 20004 });
    expect((await subscribe(m.openid, [POINTS], { errCode: 20005 }).expect(400)).body).toMatchObject({ errcode: 20005 });
    expect((await subscribe(m.openid, [POINTS, POINTS]).expect(200)).body).toMatchObject({ [POINTS]: 'filter' });
  });

  it('a send without the member\'s accept fails with 43101 in the sandbox; with one it reaches the outbox and its sent event is stored', async () => {
    const m = await joinMember(t, 'sbx-sub-3');
    const gateway = t.get(WechatGateway);
    const message = { toOpenid: m.openid, templateId: CHECKIN, page: 'packages/checkin/index', data: { thing1: '每日签到', phrase2: '未签到', number3: '3', thing4: '今天签到可得 10 积分' } };
    await expect(gateway.sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 43101 });
    await subscribe(m.openid, [CHECKIN]).expect(200);
    await gateway.sendSubscribeMessage(message);
    const outbox = ((await t.http.get(`/sandbox/wechat/dev/outbox?openid=${m.openid}`).expect(200)).body as { items: Array<{ msgid: number; templateId: string }> }).items;
    expect(outbox).toHaveLength(1);
    const events = t.get(SubscribeEventsRepository);
    const sent = await eventually(() => t.get(TransactionRunner).read((mgr) => events.sentEventFor(mgr, String(outbox[0]!.msgid))), (e) => e !== null);
    expect(sent).toMatchObject({ errorCode: 0, openid: m.openid, wechatTemplateId: CHECKIN });
    await expect(gateway.sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 43101 });
  });

  it('turning a template off in WeChat\'s settings is pushed as a change event and zeroes the grant', async () => {
    const m = await joinMember(t, 'sbx-sub-4');
    await subscribe(m.openid, [POINTS]).expect(200);
    await subscribe(m.openid, [POINTS]).expect(200);
    const grant = async () => ((await t.http.get('/api/v1/subscriptions').set(bearer(m.token)).expect(200)).body as MemberSubscriptionsView).items.find((x) => x.wechatTemplateId === POINTS)!;
    expect(await eventually(grant, (g) => g.remaining === 2)).toMatchObject({ remaining: 2 });
    await t.http.post('/sandbox/wechat/dev/subscription-settings').send({ openid: m.openid, templateId: POINTS, status: 'reject' }).expect(200);
    expect(await eventually(grant, (g) => g.status === 'off')).toMatchObject({ remaining: 0, status: 'off' });
  });
});
