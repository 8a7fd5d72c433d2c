import { StaffRole } from '@huiyuan/shared-types';
import fc from 'fast-check';
import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { DomainEvents } from '../../src/common/events/domain-events';
import { sqlDate } from '../../src/common/db/sql';
import { checkSegmentRules, evaluateSegment } from '../../src/segments/segment-compiler';
import { SegmentMemberFacts } from '../../src/segments/segment-fields';
import { SegmentsRepository } from '../../src/segments/segments.repository';
import { SegmentsService } from '../../src/segments/segments.service';
import { MemberStatsRepository } from '../../src/tags/member-stats.repository';
import { MemberStatsService } from '../../src/tags/member-stats.service';
import { RuleTagRefreshJob } from '../../src/tags/rule-tag-refresh.job';
import { SubscriptionQuota } from '../../src/subscriptions/subscription-quota';
import { TagsRepository } from '../../src/tags/tags.repository';
import { ruleTagMask } from '../../src/tags/rule-tags';
import { checkInvariants } from '../../src/cli/invariants';
import { MemberAccountRepository } from '../../src/members/member-accounts.repository';
import { TierEvaluationJob } from '../../src/members/tier-evaluation.job';
import { bearer, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

const DAY = 86_400_000;

describe('tags, segments and the member 360', () => {
  let t: TestApp;
  let hq: string;
  let clerk: string;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T04:00:00.000Z' });
    await seedOrganisation(t);
    [hq, clerk, manager] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-clerk'), staffToken(t, 'demo-manager')]);
  });
  afterAll(async () => {
    await t.close();
  });

  // Read straight from the table: staff tokens expire as the test moves the clock by months. The
  // member row's rule_tags bits must always be the copy of these rows (segments test the bits).
  const tagsOf = async (memberId: number) => {
    const rows: Array<{ name: string; rule_key: string | null }> = await t.dataSource.query('SELECT t.name, t.rule_key FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ?', [memberId]);
    const [member] = (await t.dataSource.query('SELECT rule_tags FROM members WHERE id = ?', [memberId])) as Array<{ rule_tags: number }>;
    expect(Number(member!.rule_tags)).toBe(ruleTagMask(rows.flatMap((x) => (x.rule_key ? [x.rule_key] : []))));
    return rows.map((x) => x.name).sort();
  };

  afterEach(() => t.clock.set('2026-12-01T04:00:00.000Z'));

  /** Every SQL statement sent while `work` runs (the outbox relay's included). */
  const statementsDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
    const runner = t.dataSource.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const original = proto.query;
    const seen: string[] = [];
    proto.query = function (this: unknown, ...args: unknown[]) {
      seen.push(String(args[0]));
      return original.apply(this, args);
    };
    try {
      await work();
    } finally {
      proto.query = original;
    }
    return seen;
  };

  it('events move a member in and out of rule tags in their own transaction; the nightly job does the rest', async () => {
    t.clock.set('2026-08-01T04:00:00.000Z');
    const m = await joinMember(t, 'tags-lifecycle', 's=S001');
    // Joining is an event too: a new member carries 新会员 and the join store's tag at once.
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '新会员'].sort());
    t.clock.set('2026-12-01T04:00:00.000Z');

    const run = await t.get(RuleTagRefreshJob).run();
    expect(run).toMatchObject({ added: expect.any(Number) as number });
    expect(run!.members).toBeGreaterThanOrEqual(1);
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '沉睡'].sort());

    const sale = await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 8800, orderNo: 'TAG-1' }).expect(201);
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '活跃'].sort());

    // A full refund takes the purchase away: never bought, joined 122 days ago.
    await t.http.post(`/api/v1/staff/purchases/${sale.body.id}/refunds`).set(bearer(clerk)).send({ amountCents: 8800 }).expect(201);
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '沉睡'].sort());

    // The join token has expired four months on: log in again.
    await t.http.post('/api/v1/checkins').set(bearer(await visitorToken(t, m.openid))).expect(201);
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '沉睡', '活跃'].sort());

    // Sixty days on, with no event, only the nightly job notices: the check-in has aged, and 182 days without a purchase is 流失.
    t.clock.advance(60 * DAY);
    await t.get(RuleTagRefreshJob).run();
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '流失'].sort());
    t.clock.set('2026-12-01T04:00:00.000Z');
    const last = await t.http.get('/api/v1/staff/tag-rules/last-refresh').set(bearer(hq)).expect(200);
    expect(last.body).toMatchObject({ members: expect.any(Number) as number, durationMs: expect.any(Number) as number });
  });

  it('purchases and a check-in move member_stats by arithmetic to exactly what a recount gives', async () => {
    const m = await joinMember(t, 'stats-arithmetic', 's=S001');
    const tx = t.get(TransactionRunner);
    const stats = () => tx.read((em) => t.get(MemberStatsRepository).ofMember(em, m.id));
    // Joined today: the row is counted today, so the events below take the arithmetic path.
    expect(await stats()).toMatchObject({ computedDay: '2026-12-01', purchases365d: 0 });
    // Evening in Shanghai, on the same business day; tokens are signed again as the clock moves. Under 100 yuan in all: the segment test below counts members above it.
    t.clock.set('2026-12-01T11:30:00.000Z');
    const evening = await staffToken(t, 'demo-clerk');
    await t.http.post('/api/v1/staff/purchases').set(bearer(evening)).send({ cardNo: m.cardNo, amountCents: 5000, orderNo: 'AR-1' }).expect(201);
    t.clock.set('2026-12-01T12:10:00.000Z');
    // The hot path does not recount: no read of the member's purchases, check-ins or coupons while the sale is recorded.
    const statements = await statementsDuring(() => t.http.post('/api/v1/staff/purchases').set(bearer(evening)).send({ cardNo: m.cardNo, amountCents: 1200, orderNo: 'AR-2' }).expect(201));
    expect(statements.filter((q) => /FROM (purchases|checkins|coupons) WHERE member_id IN/.test(q))).toEqual([]);
    expect(statements.filter((q) => /member_stats/.test(q))).toHaveLength(2);
    await t.http.post('/api/v1/checkins').set(bearer(await visitorToken(t, m.openid))).expect(201);
    const byArithmetic = await stats();
    expect(byArithmetic).toMatchObject({ purchases30d: 2, spend365dCents: 6200, daypart: 'evening', lastCheckinDay: '2026-12-01' });
    await tx.run((em) => t.get(MemberStatsService).refresh(em, m.id));
    expect(await stats()).toEqual(byArithmetic);
    expect(await tagsOf(m.id)).toEqual(['加入门店·静安旗舰店', '新会员', '晚间消费', '活跃'].sort());
  });

  it('a rule tag gained or lost on an event goes out as tag.added / tag.removed through the outbox, once something listens', async () => {
    const seen: Array<{ event: string; tagId: number; memberIds: number[] }> = [];
    const events = t.get(DomainEvents);
    events.subscribe('tag.added', async (p) => void seen.push({ event: 'tag.added', ...p }));
    events.subscribe('tag.removed', async (p) => void seen.push({ event: 'tag.removed', ...p }));
    const m = await joinMember(t, 'tags-events', 's=S001');
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 1000, orderNo: 'EV-1' }).expect(201);
    const tags = new Map(((await t.http.get('/api/v1/staff/tags').set(bearer(hq)).expect(200)).body as Array<{ id: number; ruleKey: string | null }>).map((x) => [x.ruleKey, x.id]));
    const expected = ['lifecycle.new', 'lifecycle.active'].map((k) => ({ event: 'tag.added', tagId: tags.get(k), memberIds: [m.id] }));
    for (let i = 0; i < 100 && !expected.every((e) => seen.some((x) => x.tagId === e.tagId && x.memberIds.includes(m.id))); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(expect.arrayContaining(expected));
  });

  it('HQ edits the thresholds; others may not; a bad one names itself', async () => {
    await t.http.put('/api/v1/staff/tag-rules').set(bearer(manager)).send({ dormantDays: 60 }).expect(403);
    const bad = await t.http.put('/api/v1/staff/tag-rules').set(bearer(hq)).send({ dormantDays: 0 }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('dormantDays');
    const crossed = await t.http.put('/api/v1/staff/tag-rules').set(bearer(hq)).send({ dormantDays: 200 }).expect(400);
    expect(crossed.body.error.message).toContain('lostDays');
    const ok = await t.http.put('/api/v1/staff/tag-rules').set(bearer(hq)).send({ newMemberDays: 14 }).expect(200);
    expect(ok.body).toMatchObject({ newMemberDays: 14, dormantDays: 90 });
    await t.http.put('/api/v1/staff/tag-rules').set(bearer(hq)).send({ newMemberDays: 30 }).expect(200);
  });

  it('HQ builds a segment, previews it, tags its members in bulk (audited), snapshots it; bad rules are 400s naming the problem', async () => {
    const joinedToday = { rules: { combinator: 'and', rules: [{ field: 'joinDate', operator: 'withinLastDays', value: 1 }] } };
    const countOf = async (token: string) => ((await t.http.post('/api/v1/staff/segments/preview').set(bearer(token)).send(joinedToday).expect(200)).body as { count: number }).count;
    const [before, beforeS001] = [await countOf(hq), await countOf(manager)];
    const a = await joinMember(t, 'seg-a', 's=S001');
    const b = await joinMember(t, 'seg-b', 's=S002');
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: a.cardNo, amountCents: 50000, orderNo: 'SEG-1' }).expect(201);

    const fields = await t.http.get('/api/v1/staff/segment-fields').set(bearer(hq)).expect(200);
    expect((fields.body as Array<{ name: string }>).map((f) => f.name)).toEqual(expect.arrayContaining(['tier', 'spend90d', 'hasTag', 'lacksTag', 'joinDate']));

    const rules = { combinator: 'and', rules: [{ field: 'joinDate', operator: 'withinLastDays', value: 1 }, { field: 'spend90d', operator: '>=', value: 10000 }] };
    const preview = await t.http.post('/api/v1/staff/segments/preview').set(bearer(hq)).send({ rules }).expect(200);
    expect(preview.body).toMatchObject({ count: 1, sample: [{ id: a.id }], byStore: [{ storeName: '静安旗舰店', count: 1 }] });
    expect(await countOf(hq)).toBe(before + 2);
    // A manager of S001 only ever counts S001's members.
    expect(await countOf(manager)).toBe(beforeS001 + 1);

    for (const [bad, says] of [
      [{ combinator: 'and', rules: [{ field: 'card_no', operator: '=', value: 1 }] }, 'unknown field "card_no"'],
      [{ combinator: 'and', rules: [{ field: 'points', operator: 'LIKE', value: 1 }] }, 'no operator "LIKE"'],
      [{ combinator: 'and', rules: [{ field: 'points', operator: '=', value: '1; DROP TABLE members' }] }, 'expected a whole number'],
    ] as const) {
      const res = await t.http.post('/api/v1/staff/segments/preview').set(bearer(hq)).send({ rules: bad }).expect(400);
      expect(res.body.error.message).toContain(says);
    }
    await t.http.post('/api/v1/staff/segments/preview').set(bearer(clerk)).send({ rules }).expect(403);

    const saved = await t.http.post('/api/v1/staff/segments').set(bearer(hq)).send({ name: '新客高消费', rules }).expect(201);
    const tag = await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: '重点回访', colour: 'red' }).expect(201);
    const dup = await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: '重点回访' }).expect(409);
    expect(dup.body.error.code).toBe('TAG_NAME_TAKEN');
    const bulk = await t.http.post(`/api/v1/staff/segments/${saved.body.id}/tagging`).set(bearer(hq)).send({ tagId: tag.body.id, action: 'add' }).expect(200);
    expect(bulk.body).toEqual({ tagId: tag.body.id, changed: 1 });
    expect(await tagsOf(a.id)).toContain('重点回访');
    expect(await tagsOf(b.id)).not.toContain('重点回访');
    // The counter's look-up shows the member's tags (it answered [] before tags existed).
    const lookedUp = await t.http.get(`/api/v1/staff/members/lookup?cardNo=${a.cardNo}`).set(bearer(clerk)).expect(200);
    expect(lookedUp.body.tags).toEqual(expect.arrayContaining(['重点回访', '新会员']));
    const audit: Array<{ action: string }> = await t.dataSource.query("SELECT action FROM audit_records WHERE action LIKE 'tag.%' OR action LIKE 'segment.%'");
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['tag.create', 'segment.create', 'tag.bulk_add']));

    const withTag = await t.http.post('/api/v1/staff/segments/preview').set(bearer(hq)).send({ rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.body.id }] } }).expect(200);
    expect(withTag.body.count).toBe(1);

    const snapshot = await t.http.post(`/api/v1/staff/segments/${saved.body.id}/snapshots`).set(bearer(hq)).expect(201);
    expect(snapshot.body).toMatchObject({ segmentId: saved.body.id, memberCount: 1 });
    const frozen: Array<{ member_id: number }> = await t.dataSource.query('SELECT member_id FROM segment_snapshot_members WHERE snapshot_id = ?', [snapshot.body.id]);
    expect(frozen.map((r) => Number(r.member_id))).toEqual([a.id]);

    const page = await t.http.get(`/api/v1/staff/segments/${saved.body.id}/members?limit=1`).set(bearer(hq)).expect(200);
    expect(page.body).toMatchObject({ items: [{ id: a.id }], nextCursor: null });

    // Rule tags are the system's: not given by hand.
    const ruleTag = ((await t.http.get('/api/v1/staff/tags').set(bearer(hq)).expect(200)).body as Array<{ id: number; ruleKey: string | null }>).find((x) => x.ruleKey === 'lifecycle.new');
    await t.http.put(`/api/v1/staff/members/${a.id}/tags/${ruleTag!.id}`).set(bearer(clerk)).expect(409);
    // b joined at S002, outside the S001 clerk's stores.
    await t.http.put(`/api/v1/staff/members/${b.id}/tags/${tag.body.id}`).set(bearer(clerk)).expect(403);
  });

  it('the member 360 has the history, the tags, and clerks\' notes newest first', async () => {
    const m = await joinMember(t, 'm360', 's=S001');
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: m.cardNo, amountCents: 12000, orderNo: '360-1' }).expect(201);
    await t.http.post(`/api/v1/staff/members/${m.id}/notes`).set(bearer(clerk)).send({ body: '喜欢新品，下周回访' }).expect(201);
    t.clock.advance(60_000);
    await t.http.post(`/api/v1/staff/members/${m.id}/notes`).set(bearer(manager)).send({ body: '已电话回访' }).expect(201);
    await t.http.post(`/api/v1/staff/members/${m.id}/notes`).set(bearer(clerk)).send({ body: '' }).expect(400);
    const res = await t.http.get(`/api/v1/staff/members/${m.id}/360`).set(bearer(clerk)).expect(200);
    expect(res.body).toMatchObject({
      card: { id: m.id, cardNo: m.cardNo },
      profile: { joinStore: { code: 'S001' } },
      stats: { purchases365d: 1, spend365dCents: 12000 },
      purchases: [{ orderNo: '360-1', amountCents: 12000, storeName: '静安旗舰店' }],
      notes: [{ body: '已电话回访', staffName: '王店长' }, { body: '喜欢新品，下周回访', staffName: '李店员' }],
    });
    expect((res.body.ledger as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect((res.body.tags as Array<{ name: string }>).map((x) => x.name)).toEqual(expect.arrayContaining(['新会员', '活跃']));
    await t.http.get('/api/v1/staff/members/999999/360').set(bearer(clerk)).expect(404);
  });

  it('subscription quota for a template: members with 0, 1 and 3 sends left; a send taken drops a member out; an unknown template is a 400', async () => {
    const templates = (await t.http.get('/api/v1/staff/message-templates').set(bearer(hq)).expect(200)).body as Array<{ id: number; title: string; wechatTemplateId: string }>;
    const [template, other] = templates;
    const fields = (await t.http.get('/api/v1/staff/segment-fields').set(bearer(hq)).expect(200)).body as Array<{ name: string }>;
    expect(fields.find((f) => f.name === 'subscriptionQuota')).toMatchObject({ type: 'quota', label: '订阅消息剩余次数', values: expect.arrayContaining([{ value: template!.id, label: template!.title }]) });

    const none = await joinMember(t, 'quota-none', 's=S001');
    const once = await joinMember(t, 'quota-once', 's=S001');
    const thrice = await joinMember(t, 'quota-thrice', 's=S002');
    const accept = (openid: string, wechatTemplateId: string) => t.http.post('/sandbox/wechat/dev/subscribe').send({ openid, templateIds: [wechatTemplateId] }).expect(200);
    await accept(once.openid, template!.wechatTemplateId);
    for (let i = 0; i < 3; i++) await accept(thrice.openid, template!.wechatTemplateId);
    // An accept of another template is no send of this one.
    await accept(none.openid, other!.wechatTemplateId);
    const left = async (memberId: number, templateId: number) =>
      Number(((await t.dataSource.query('SELECT COALESCE(SUM(remaining), 0) AS n FROM subscription_grants WHERE member_id = ? AND template_id = ?', [memberId, templateId])) as Array<{ n: number }>)[0]?.n);
    for (let i = 0; (await left(thrice.id, template!.id)) < 3 || (await left(once.id, template!.id)) < 1 || (await left(none.id, other!.id)) < 1; i++) {
      if (i > 100) throw new Error('the accepts were not counted');
      await new Promise((r) => setTimeout(r, 50));
    }

    const preview = async (operator: string, count: number | [number, number], templateId = template!.id) =>
      (await t.http.post('/api/v1/staff/segments/preview').set(bearer(hq)).send({ rules: { combinator: 'and', rules: [{ field: 'subscriptionQuota', operator, value: { templateId, count } }] } }).expect(200)).body as { count: number; sample: Array<{ id: number }> };
    const ids = (p: { sample: Array<{ id: number }> }) => p.sample.map((r) => r.id);
    expect(await preview('>=', 1)).toMatchObject({ count: 2, sample: [{ id: once.id }, { id: thrice.id }] });
    expect(ids(await preview('>=', 3))).toEqual([thrice.id]);
    expect(ids(await preview('between', [1, 2]))).toEqual([once.id]);
    // Zero left: every other active member too, with or without a grant row of the template.
    const zero = await preview('=', 0);
    expect(ids(zero)).toEqual(expect.arrayContaining([none.id]));
    expect(ids(zero)).not.toEqual(expect.arrayContaining([once.id]));
    expect(ids(await preview('>=', 1, other!.id))).toEqual([none.id]);

    // A send takes the member's only accept: the member drops out of "at least one left".
    const quota = t.get(SubscriptionQuota);
    expect(await t.get(TransactionRunner).run((m) => quota.take(m, template!.id, [once.id]))).toEqual([true]);
    expect(await preview('>=', 1)).toMatchObject({ count: 1, sample: [{ id: thrice.id }] });
    expect((await preview('=', 0)).count).toBe(zero.count + 1);

    const res = await t.http.post('/api/v1/staff/segments/preview').set(bearer(hq)).send({ rules: { combinator: 'and', rules: [{ field: 'subscriptionQuota', operator: '>=', value: { templateId: 999999, count: 1 } }] } }).expect(400);
    expect(res.body.error.message).toContain('no message template 999999');
  });

  it("member_stats' copies of the tier and join store follow the member row on each event that moves them: join, upgrade, bulk upgrade, downgrade, erasure", async () => {
    const copy = async (memberId: number) => {
      const rows: Array<{ tier_id: number; join_store_id: number | null; stats_tier_id: number | null; stats_store_id: number | null; has_row: number }> = await t.dataSource.query(
        'SELECT m.tier_id, m.join_store_id, s.tier_id AS stats_tier_id, s.join_store_id AS stats_store_id, CASE WHEN s.member_id IS NULL THEN 0 ELSE 1 END AS has_row FROM members m LEFT JOIN member_stats s ON s.member_id = m.id WHERE m.id = ?',
        [memberId],
      );
      const r = rows[0]!;
      return { tier: Number(r.tier_id), store: r.join_store_id === null ? null : Number(r.join_store_id), copied: Number(r.has_row) ? { tier: Number(r.stats_tier_id), store: r.stats_store_id === null ? null : Number(r.stats_store_id) } : null };
    };
    const tierId = async (code: string) => Number(((await t.dataSource.query('SELECT id FROM tiers WHERE code = ?', [code])) as Array<{ id: number }>)[0]!.id);
    const [silver, gold] = [await tierId('SILVER'), await tierId('GOLD')];

    const a = await joinMember(t, 'copies-a', 's=S001');
    const b = await joinMember(t, 'copies-b');
    for (const id of [a.id, b.id]) expect((await copy(id)).copied).toEqual({ tier: (await copy(id)).tier, store: (await copy(id)).store });
    expect((await copy(a.id)).store).not.toBeNull();

    // A purchase's growth upgrades in its transaction (setTier).
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: a.cardNo, amountCents: 600_000, orderNo: 'COPY-1' }).expect(201);
    expect(await copy(a.id)).toMatchObject({ tier: gold, copied: { tier: gold } });

    // A bulk credit (the ledger's creditMany: imports, campaigns) upgrades many members in one UPDATE.
    await t.get(TransactionRunner).run((m) => t.get(MemberAccountRepository).creditMany(m, [{ memberId: b.id, points: 0, growth: { amount: 1000, source: { type: 'test', id: 'copies-b' } } }]));
    expect(await copy(b.id)).toMatchObject({ tier: silver, copied: { tier: silver } });

    // The evaluation date's downgrade (setTier from the job).
    // Beyond the growth window of the purchase: growth is 0, one tier down.
    t.clock.set('2028-06-01T04:00:00.000Z');
    await t.get(TierEvaluationJob).run(t.config.calendar.timeZone);
    const downgraded = await copy(a.id);
    expect(downgraded.tier).toBe(silver);
    expect(downgraded.copied).toEqual({ tier: silver, store: downgraded.store });
    t.clock.set('2026-12-01T04:00:00.000Z');

    // Erasure removes the row: a segment counts active members only.
    await t.http.delete('/api/v1/members/me').set(bearer(await visitorToken(t, b.openid))).expect(204);
    expect((await copy(b.id)).copied).toBeNull();
    expect((await checkInvariants(t.dataSource)).flatMap((r) => r.violations)).toEqual([]);
  });

  it('property: the SQL count of a random rule tree equals its in-memory evaluation over random members', async () => {
    const tx = t.get(TransactionRunner);
    const segments = t.get(SegmentsService);
    const repo = t.get(SegmentsRepository);
    const tiers: Array<{ id: number; code: string }> = await t.dataSource.query('SELECT id, code FROM tiers');
    const stores: Array<{ id: number; code: string }> = await t.dataSource.query("SELECT id, code FROM stores WHERE kind = 'store'");
    // Two rule tags kept as bits on the member row and two tags read from member_tags: a manual one and
    // a join-store rule tag (no bit).
    await t.http.post('/api/v1/staff/tags').set(bearer(hq)).send({ name: '属性测试' }).expect(201);
    await tx.run((m) => t.get(TagsRepository).ensureRuleTags(m, [{ key: 'join_store.999', name: '加入门店·属性测试', colour: 'geekblue', description: '' }], t.clock.now()));
    const tagRows: Array<{ id: number; name: string; rule_key: string | null }> = await t.dataSource.query('SELECT id, name, rule_key FROM tags ORDER BY id');
    const tagIds = [
      tagRows.find((r) => r.rule_key === 'lifecycle.lost'),
      tagRows.find((r) => r.rule_key === 'lifecycle.active'),
      tagRows.find((r) => r.name === '属性测试'),
      tagRows.find((r) => r.rule_key === 'join_store.999'),
    ].map((r) => Number(r!.id));
    const templateRows: Array<{ id: number }> = await t.dataSource.query('SELECT id FROM message_templates ORDER BY id LIMIT 2');
    const templateIds = templateRows.map((r) => Number(r.id));
    const now = t.clock.now().getTime();
    const hqStaff = { kind: 'staff' as const, staffId: 1, role: StaffRole.HQ_ADMIN, storeId: 1, credentialStamp: '' };

    const instant = fc.integer({ min: now - 400 * DAY, max: now }).map((ms) => new Date(ms));
    const member = fc.record({
      tierId: fc.constantFrom(...tiers.map((x) => Number(x.id))),
      points: fc.integer({ min: 0, max: 500 }),
      growth: fc.integer({ min: 0, max: 500 }),
      joinStoreId: fc.option(fc.constantFrom(...stores.map((x) => Number(x.id))), { nil: null }),
      joinedAt: instant,
      hasPhone: fc.boolean(),
      lastPurchaseAt: fc.option(instant, { nil: null }),
      spend30dCents: fc.integer({ min: 0, max: 300 }),
      spend90dCents: fc.integer({ min: 0, max: 300 }),
      spend365dCents: fc.integer({ min: 0, max: 300 }),
      purchases30d: fc.integer({ min: 0, max: 4 }),
      purchases90d: fc.integer({ min: 0, max: 4 }),
      purchases365d: fc.integer({ min: 0, max: 4 }),
      birthdayMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      hasStats: fc.boolean(),
      tagIds: fc.subarray(tagIds),
      // Sends left per template; a missing entry has no grant row (0 left), which must read like a row with 0.
      quotas: fc.tuple(...templateIds.map((id) => fc.option(fc.integer({ min: 0, max: 3 }).map((n) => [id, n] as const), { nil: null }))).map((pairs) => new Map(pairs.filter((p) => p !== null))),
    });
    const day = instant.map((d) => d.toISOString().slice(0, 10));
    const num = fc.integer({ min: 0, max: 500 });
    const rule = fc.oneof(
      fc.record({ field: fc.constantFrom('points', 'growth', 'spend30d', 'spend90d', 'spend365d', 'purchases30d', 'purchases90d', 'purchases365d'), operator: fc.constantFrom('=', '!=', '<', '<=', '>', '>='), value: num }),
      fc.record({ field: fc.constantFrom('points', 'spend90d'), operator: fc.constantFrom('between', 'notBetween'), value: fc.tuple(num, num).map(([x, y]) => [Math.min(x, y), Math.max(x, y)]) }),
      fc.record({ field: fc.constantFrom('joinDate', 'lastPurchaseDate'), operator: fc.constantFrom('=', '<', '<=', '>', '>='), value: day }),
      fc.record({ field: fc.constantFrom('joinDate', 'lastPurchaseDate'), operator: fc.constantFrom('withinLastDays', 'notWithinLastDays'), value: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ field: fc.constant('lastPurchaseDate'), operator: fc.constantFrom('null', 'notNull') }),
      fc.record({ field: fc.constant('tier'), operator: fc.constantFrom('=', '!='), value: fc.constantFrom(...tiers.map((x) => x.code)) }),
      fc.record({ field: fc.constant('joinStore'), operator: fc.constantFrom('in', 'notIn'), value: fc.subarray(stores.map((x) => x.code), { minLength: 1 }) }),
      fc.record({ field: fc.constant('joinStore'), operator: fc.constantFrom('null', 'notNull') }),
      fc.record({ field: fc.constant('birthdayMonth'), operator: fc.constantFrom('=', '!=', 'in', 'notIn'), value: fc.integer({ min: 1, max: 12 }) }).map((r) => (r.operator === 'in' || r.operator === 'notIn' ? { ...r, value: [r.value] } : r)),
      fc.record({ field: fc.constant('hasPhone'), operator: fc.constant('='), value: fc.boolean() }),
      fc.record({ field: fc.constantFrom('hasTag', 'lacksTag'), operator: fc.constant('in'), value: fc.subarray(tagIds, { minLength: 1 }) }),
      fc.record({ field: fc.constant('subscriptionQuota'), operator: fc.constantFrom('=', '!=', '<', '<=', '>', '>='), value: fc.record({ templateId: fc.constantFrom(...templateIds), count: fc.integer({ min: 0, max: 3 }) }) }),
      fc.record({ field: fc.constant('subscriptionQuota'), operator: fc.constantFrom('between', 'notBetween'), value: fc.record({ templateId: fc.constantFrom(...templateIds), count: fc.tuple(fc.nat(3), fc.nat(3)).map(([x, y]) => [Math.min(x, y), Math.max(x, y)]) }) }),
    );
    const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
      tree: fc.record({ combinator: fc.constantFrom('and', 'or'), not: fc.boolean(), rules: fc.array(tie('node'), { maxLength: 4 }) }),
      node: fc.oneof({ depthSize: 'small', maxDepth: 3 }, rule, tie('tree')),
    }));

    // A member with nothing counted yet: no purchase, zero counts, no birthday month.
    const asFacts = (x: SegmentMemberFacts & { hasStats: boolean }): SegmentMemberFacts =>
      x.hasStats ? { ...x, tagIds: new Set(x.tagIds) } : { ...x, tagIds: new Set(x.tagIds), lastPurchaseAt: null, spend30dCents: 0, spend90dCents: 0, spend365dCents: 0, purchases30d: 0, purchases90d: 0, purchases365d: 0, birthdayMonth: null };

    const ctx = await segments.context();
    expect([...ctx.ruleTagBits.keys()]).toEqual(expect.arrayContaining(tagIds.slice(0, 2)));
    const ruleTagsOf = (ids: Iterable<number>) => [...ids].reduce((mask, id) => mask | (ctx.ruleTagBits.get(id) ?? 0), 0);
    const load = async (members: Array<SegmentMemberFacts & { hasStats: boolean }>) => {
      await tx.run(async (m) => {
        await m.query('DELETE FROM member_tags');
        await m.query('DELETE FROM member_stats');
        await m.query('DELETE FROM subscription_grants');
        await m.query("DELETE FROM members WHERE openid LIKE 'prop-%'");
        await m.query("UPDATE members SET status = 'deleted' WHERE openid IS NOT NULL AND openid NOT LIKE 'prop-%'");
        const ids: number[] = [];
        for (const [i, x] of members.entries()) {
          await m.query(
            `INSERT INTO members (openid, card_no, gender, tier_id, points_balance, growth, join_store_id, referral_code, code_secret, consent_version, consented_at, status, created_at, phone_hash, phone_last4, rule_tags)
             VALUES (?, ?, 'unknown', ?, ?, ?, ?, ?, 'x', 'v', ?, 'active', ?, ?, ?, ?)`,
            [`prop-${i}`, `P${String(i).padStart(11, '0')}`, x.tierId, x.points, x.growth, x.joinStoreId, `R${String(i).padStart(7, '0')}`, sqlDate(m, x.joinedAt), sqlDate(m, x.joinedAt), x.hasPhone ? `h${i}` : null, x.hasPhone ? String(1000 + i).slice(-4) : null, ruleTagsOf(x.tagIds)],
          );
          const rows: Array<{ id: number }> = await m.query('SELECT id FROM members WHERE openid = ?', [`prop-${i}`]);
          const id = Number(rows[0]!.id);
          ids.push(id);
          // Every active member has a stats row (a join creates it, with nothing counted); the tier and join store are copied onto it.
          const f = asFacts(x);
          await m.query(
            `INSERT INTO member_stats (member_id, last_purchase_at, purchases_30d, spend_30d_cents, purchases_90d, spend_90d_cents, spend_prev_90d_cents, purchases_365d, spend_365d_cents, birthday_month, computed_day, tier_id, join_store_id)
             VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, '2026-12-01', ?, ?)`,
            [id, f.lastPurchaseAt ? sqlDate(m, f.lastPurchaseAt) : null, f.purchases30d, f.spend30dCents, f.purchases90d, f.spend90dCents, f.purchases365d, f.spend365dCents, f.birthdayMonth, f.tierId, f.joinStoreId],
          );
          for (const tagId of x.tagIds) await m.query('INSERT INTO member_tags (tag_id, member_id, created_at) VALUES (?, ?, ?)', [tagId, id, sqlDate(m, new Date(now))]);
          for (const [templateId, remaining] of x.quotas) {
            await m.query("INSERT INTO subscription_grants (member_id, template_id, remaining, unconfirmed, accepted_total, used_total, status, updated_at) VALUES (?, ?, ?, 0, ?, 0, 'active', ?)", [id, templateId, remaining, remaining, sqlDate(m, new Date(now))]);
          }
        }
        return ids;
      });
    };
    await fc.assert(
      fc.asyncProperty(fc.array(member, { minLength: 1, maxLength: 12 }), tree, async (members, rules) => {
        const typed = members.map((x) => ({ ...x, tagIds: new Set(x.tagIds) }));
        await load(typed);
        const checked = checkSegmentRules(rules, ctx);
        const expected = typed.filter((x) => evaluateSegment(checked, asFacts(x))).length;
        const q = await segments.query(hqStaff, rules);
        const counted = await tx.read((m) => repo.count(m, q));
        expect(counted).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
