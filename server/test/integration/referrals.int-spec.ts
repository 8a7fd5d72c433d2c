import { PRIVACY_NOTICE_VERSION, ReferralRules } from '@huiyuan/shared-types';
import { AuditRecord } from '../../src/audit/audit-record.entity';
import { Member } from '../../src/members/entities/member.entity';
import { ReferralReward } from '../../src/referrals/entities/referral-reward.entity';
import { Referral } from '../../src/referrals/entities/referral.entity';
import { ReleaseReferralUseCase } from '../../src/referrals/usecases/release-referral.usecase';
import { bearer, joinMember, JoinedMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const DAY_MS = 86_400_000;

describe('referrals: qualifying events, refund-window holds, caps, identity checks, HQ review', () => {
  let t: TestApp;
  const base: ReferralRules = {
    enabled: true,
    qualifyingEvent: 'join',
    referrerReward: { points: 50 },
    refereeReward: { points: 20 },
    refundWindowDays: 7,
    maxRewardsPerReferrerPerDay: 10,
    maxRewardsPerReferrerPerMonth: 100,
  };
  let seq = 0;

  // Staff tokens last 12 hours and member tokens 7 days; these tests move the clock by days.
  const hq = () => staffToken(t, 'demo-hq');
  const clerk = () => staffToken(t, 'demo-clerk');
  const setRules = async (rules: Partial<ReferralRules>) => t.http.put('/api/v1/staff/referral-rules').set(bearer(await hq())).send({ ...base, ...rules }).expect(200);
  const releaser = () => t.get(ReleaseReferralUseCase);
  const referralOf = (refereeId: number) => t.dataSource.getRepository(Referral).findOneBy({ refereeId });
  const balanceOf = async (id: number) => (await t.dataSource.getRepository(Member).findOneByOrFail({ id })).pointsBalance;
  const rewardsOf = async (referralId: number) => (await t.dataSource.getRepository(ReferralReward).find({ where: { referralId }, order: { role: 'ASC' } })).map((r) => [r.role, r.points]);
  const newReferrer = () => joinMember(t, `ref-${++seq}`);
  const inviteFriend = (referrer: JoinedMember) => joinMember(t, `friend-${++seq}`, `r=${referrer.referralCode}`);

  /** Event handlers run on the job queue after the request answered: wait for their effect. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; ; i++) {
      const value = await read();
      if (done(value) || i >= 100) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const stateBecomes = async (refereeId: number, state: string) => (await eventually(() => referralOf(refereeId), (r) => r?.state === state))?.state;

  async function purchase(member: JoinedMember, amountCents: number): Promise<number> {
    const res = await t.http.post('/api/v1/staff/purchases').set(bearer(await clerk())).send({ cardNo: member.cardNo, amountCents, orderNo: `ORD-${++seq}` }).expect(201);
    return res.body.id as number;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-04-01T02:00:00.000Z' });
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await setRules({});
  });

  it('rewards both sides when the friend joins, once, and shows the member their masked invitations', async () => {
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    expect(await stateBecomes(friend.id, 'rewarded')).toBe('rewarded');
    expect(await balanceOf(referrer.id)).toBe(100 + 50);
    expect(await balanceOf(friend.id)).toBe(100 + 20);
    await t.http.patch('/api/v1/members/me/profile').set(bearer(friend.token)).send({ nickname: '小林' }).expect(200);

    const referral = await referralOf(friend.id);
    await releaser().release(referral!.id);
    await releaser().sweep();
    expect(await rewardsOf(referral!.id)).toEqual([['referee', 20], ['referrer', 50]]);

    const mine = await t.http.get('/api/v1/referrals/me').set(bearer(referrer.token)).expect(200);
    expect(mine.body).toEqual({
      referralCode: referrer.referralCode,
      sharePath: `/packages/join/index?scene=r%3D${referrer.referralCode}`,
      invitations: [{ friendName: '小*', joinedAt: expect.any(String), state: 'rewarded', rewardPoints: 50 }],
      totalRewardPoints: 50,
      offer: { enabled: true, qualifyingEvent: 'join', referrerPoints: 50, refereePoints: 20 },
    });
    const friendView = await t.http.get('/api/v1/referrals/me').set(bearer(friend.token)).expect(200);
    expect(friendView.body).toMatchObject({ invitations: [], totalRewardPoints: 20 });
  });

  it('gives the friend a coupon with the points when the rules name a template', async () => {
    const template = await t.http.post('/api/v1/staff/coupon-templates').set(bearer(await hq())).send({ title: '好友见面礼', kind: 'cash', amountCents: 1000, validity: { kind: 'relative', days: 7, startsNextDay: false }, storeScope: 'all' }).expect(201);
    await setRules({ refereeReward: { points: 20, couponTemplateId: template.body.id } });
    const friend = await inviteFriend(await newReferrer());
    expect(await stateBecomes(friend.id, 'rewarded')).toBe('rewarded');
    const wallet = await t.http.get('/api/v1/coupons').set(bearer(friend.token)).expect(200);
    expect(wallet.body.items).toEqual([expect.objectContaining({ title: '好友见面礼' })]);
    expect(await balanceOf(friend.id)).toBe(120);
  });

  it('waits for the first check-in when the programme chooses it', async () => {
    await setRules({ qualifyingEvent: 'first_checkin' });
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    expect(await stateBecomes(friend.id, 'joined')).toBe('joined');
    await t.http.post('/api/v1/checkins').set(bearer(friend.token)).expect(201);
    expect(await stateBecomes(friend.id, 'rewarded')).toBe('rewarded');
    expect(await balanceOf(referrer.id)).toBe(150);
  });

  it('holds a first-purchase reward until the purchase can no longer be refunded; the sweep releases it once, however many try', async () => {
    await setRules({ qualifyingEvent: 'first_purchase', refundWindowDays: 7 });
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    expect(await stateBecomes(friend.id, 'joined')).toBe('joined');
    await purchase(friend, 12_800);
    expect(await stateBecomes(friend.id, 'held')).toBe('held');
    const held = await referralOf(friend.id);
    expect(held?.releaseAt?.getTime()).toBe(t.clock.now().getTime() + 7 * DAY_MS);

    t.clock.advance(7 * DAY_MS - 60_000);
    await releaser().sweep();
    expect((await referralOf(friend.id))?.state).toBe('held');
    const viewed = await t.http.get('/api/v1/referrals/me').set(bearer(await visitorToken(t, referrer.openid))).expect(200);
    expect(viewed.body.invitations[0]).toMatchObject({ state: 'held', rewardPoints: 0 });

    t.clock.advance(60_000);
    await Promise.all([releaser().sweep(), releaser().release(held!.id), releaser().release(held!.id), releaser().sweep()]);
    expect((await referralOf(friend.id))?.state).toBe('rewarded');
    expect(await rewardsOf(held!.id)).toEqual([['referee', 20], ['referrer', 50]]);
    const ledger: Array<{ n: number }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE source_type = 'referral' AND source_id = ?", [String(held!.id)]);
    expect(Number(ledger[0]?.n)).toBe(2);
  });

  it('pays nothing for a purchase refunded in full during the hold, and waits for the next purchase', async () => {
    await setRules({ qualifyingEvent: 'first_purchase', refundWindowDays: 7 });
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    expect(await stateBecomes(friend.id, 'joined')).toBe('joined');
    const purchaseId = await purchase(friend, 5_000);
    expect(await stateBecomes(friend.id, 'held')).toBe('held');
    await t.http.post(`/api/v1/staff/purchases/${purchaseId}/refunds`).set(bearer(await clerk())).send({ amountCents: 5_000 }).expect(201);

    t.clock.advance(8 * DAY_MS);
    await releaser().sweep();
    const back = await referralOf(friend.id);
    expect(back).toMatchObject({ state: 'joined', purchaseId: null });
    expect(await rewardsOf(back!.id)).toEqual([]);

    const second = await purchase(friend, 3_000);
    await t.http.post(`/api/v1/staff/purchases/${second}/refunds`).set(bearer(await clerk())).send({ amountCents: 1_000 }).expect(201);
    expect(await stateBecomes(friend.id, 'held')).toBe('held');
    t.clock.advance(7 * DAY_MS);
    await releaser().sweep();
    expect((await referralOf(friend.id))?.state).toBe('rewarded'); // a partial refund still counts as a purchase
  });

  it('releases through the delayed job when the window is over at once', async () => {
    await setRules({ qualifyingEvent: 'first_purchase', refundWindowDays: 0 });
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    expect(await stateBecomes(friend.id, 'joined')).toBe('joined');
    await purchase(friend, 1_000);
    expect(await stateBecomes(friend.id, 'rewarded')).toBe('rewarded');
  });

  it('records a referral whose join event was lost, from the sweep', async () => {
    const referrer = await newReferrer();
    const friend = await newReferrer();
    await t.dataSource.getRepository(Member).update({ id: friend.id }, { referrerId: referrer.id });
    expect(await referralOf(friend.id)).toBeNull();
    const swept = await releaser().sweep();
    expect(swept.recorded).toBeGreaterThanOrEqual(1);
    expect(await stateBecomes(friend.id, 'rewarded')).toBe('rewarded');
  });

  it('flags rewards beyond the daily and monthly caps for HQ, who approves or rejects them, audited', async () => {
    await setRules({ maxRewardsPerReferrerPerDay: 2, maxRewardsPerReferrerPerMonth: 3 });
    t.clock.set('2026-05-10T02:00:00.000Z');
    const referrer = await newReferrer();
    const friends: JoinedMember[] = [];
    for (let i = 0; i < 3; i++) {
      friends.push(await inviteFriend(referrer));
      await eventually(() => referralOf(friends[i]!.id), (r) => r?.state === 'rewarded' || r?.state === 'flagged');
    }
    expect(await Promise.all(friends.map(async (f) => (await referralOf(f.id))?.state))).toEqual(['rewarded', 'rewarded', 'flagged']);
    t.clock.advance(DAY_MS);
    friends.push(await inviteFriend(referrer));
    expect(await stateBecomes(friends[3]!.id, 'rewarded')).toBe('rewarded');
    friends.push(await inviteFriend(referrer));
    expect(await stateBecomes(friends[4]!.id, 'flagged')).toBe('flagged');

    const admin = await hq();
    await t.http.get('/api/v1/staff/referrals/reviews').set(bearer(await clerk())).expect(403);
    const list = await t.http.get('/api/v1/staff/referrals/reviews').set(bearer(admin)).expect(200);
    const flagged = (list.body.items as Array<{ id: number; flagReason: string; referee: { id: number } }>).filter((i) => [friends[2]!.id, friends[4]!.id].includes(i.referee.id));
    expect(flagged.map((f) => f.flagReason)).toEqual(['daily_cap', 'monthly_cap']);
    const daily = flagged[0]!;
    const monthly = flagged[1]!;

    const approved = await t.http.post(`/api/v1/staff/referrals/${daily.id}/approve`).set(bearer(admin)).expect(200);
    expect(approved.body).toMatchObject({ id: daily.id, state: 'approved', flagReason: 'daily_cap', referee: { id: friends[2]!.id } });
    expect((await t.http.post(`/api/v1/staff/referrals/${daily.id}/approve`).set(bearer(admin)).expect(200)).body).toEqual(approved.body);
    expect(await rewardsOf(daily.id)).toEqual([['referee', 20], ['referrer', 50]]);
    await t.http.post(`/api/v1/staff/referrals/${monthly.id}/reject`).set(bearer(admin)).expect(200);
    const conflict = await t.http.post(`/api/v1/staff/referrals/${monthly.id}/approve`).set(bearer(admin)).expect(409);
    expect(conflict.body.error.code).toBe('CONFLICT');
    expect(await rewardsOf(monthly.id)).toEqual([]);
    await t.http.post('/api/v1/staff/referrals/999999/approve').set(bearer(admin)).expect(404);
    expect(await t.dataSource.getRepository(AuditRecord).countBy({ action: 'referral.approve', targetId: String(daily.id) })).toBe(1);
    expect(await t.dataSource.getRepository(AuditRecord).countBy({ action: 'referral.reject', targetId: String(monthly.id) })).toBe(1);

    const mine = await t.http.get('/api/v1/referrals/me').set(bearer(await visitorToken(t, referrer.openid))).expect(200);
    expect(mine.body.invitations.map((i: { state: string }) => i.state)).toEqual(['rejected', 'rewarded', 'rewarded', 'rewarded', 'rewarded']);
    expect(mine.body.totalRewardPoints).toBe(4 * 50);
  });

  it('does not reward a friend who is an existing member under another account (same unionid)', async () => {
    const referrer = await newReferrer();
    const unionid = `union-${++seq}`;
    const existing = await t.http.post('/sandbox/wechat/dev/login').send({ openid: `dup-a-${seq}`, unionid }).expect(200);
    const existingLogin = await t.http.post('/api/v1/auth/wechat').send({ code: existing.body.code }).expect(200);
    await t.http.post('/api/v1/members').set(bearer(existingLogin.body.token)).send({ consentVersion: PRIVACY_NOTICE_VERSION }).expect(201);

    const second = await t.http.post('/sandbox/wechat/dev/login').send({ openid: `dup-b-${seq}`, unionid }).expect(200);
    const secondLogin = await t.http.post('/api/v1/auth/wechat').send({ code: second.body.code }).expect(200);
    const joined = await t.http.post('/api/v1/members').set(bearer(secondLogin.body.token)).send({ consentVersion: PRIVACY_NOTICE_VERSION, scene: `r=${referrer.referralCode}` }).expect(201);
    const friendId = joined.body.member.id as number;
    expect(await stateBecomes(friendId, 'flagged')).toBe('flagged');
    expect((await referralOf(friendId))?.flagReason).toBe('same_unionid');
    expect(await balanceOf(referrer.id)).toBe(100);
  });

  it('does not reward a friend whose phone number belongs to an existing member', async () => {
    await setRules({ qualifyingEvent: 'first_checkin' });
    const existing = await newReferrer();
    const referrer = await newReferrer();
    const friend = await inviteFriend(referrer);
    for (const m of [existing, friend]) {
      const phone = await t.http.post('/sandbox/wechat/dev/phone-code').send({ phoneNumber: '13900000001' }).expect(200);
      await t.http.post('/api/v1/members/me/phone').set(bearer(m.token)).send({ code: phone.body.code }).expect(200);
    }
    await t.http.post('/api/v1/checkins').set(bearer(friend.token)).expect(201);
    expect(await stateBecomes(friend.id, 'flagged')).toBe('flagged');
    expect((await referralOf(friend.id))?.flagReason).toBe('same_phone');
    expect(await rewardsOf((await referralOf(friend.id))!.id)).toEqual([]);
  });

  it('lets HQ, and only HQ, change the referral rules, audited', async () => {
    const res = await t.http.put('/api/v1/staff/referral-rules').set(bearer(await clerk())).send(base).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const bad = await t.http.put('/api/v1/staff/referral-rules').set(bearer(await hq())).send({ ...base, qualifyingEvent: 'birthday' }).expect(400);
    expect(bad.body.error.message).toContain('qualifyingEvent');
    await setRules({ referrerReward: { points: 10, couponTemplateId: 3 } });
    const read = await t.http.get('/api/v1/staff/referral-rules').set(bearer(await clerk())).expect(200);
    expect(read.body.referrerReward).toEqual({ points: 10, couponTemplateId: 3 });
    expect(await t.dataSource.getRepository(AuditRecord).countBy({ action: 'referral_rules.update' })).toBeGreaterThan(0);
  });

  it('draws the member an invitation poster around a mini-program code carrying their referral code', async () => {
    const referrer = await newReferrer();
    const res = await t.http.get('/api/v1/referrals/me/poster.png').set(bearer(referrer.token)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toContain('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });
});
