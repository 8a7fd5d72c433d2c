import { AppError } from '../common/errors/app-error';
import { checkSegmentRules, compileSegment, evaluateSegment, SegmentContext } from './segment-compiler';
import { SegmentMemberFacts } from './segment-fields';

const ctx: SegmentContext = {
  today: '2026-12-01',
  timeZone: 'Asia/Shanghai',
  tierIdByCode: new Map([['T1', 1], ['T2', 2]]),
  storeIdByCode: new Map([['S001', 11], ['S002', 12]]),
  tagIds: new Set([5, 6, 9, 10]),
  // 9 and 10 are rule tags with a bit in members.rule_tags (lifecycle.lost, lifecycle.active).
  ruleTagBits: new Map([[9, 8], [10, 2]]),
  templateIds: new Set([7, 8]),
};
const iso = (d: Date) => d.toISOString();
const compile = (rules: unknown) => compileSegment(checkSegmentRules(rules, ctx), iso);
const one = (rule: Record<string, unknown>) => compile({ combinator: 'and', rules: [rule] });
const failure = (rules: unknown): AppError => {
  try {
    checkSegmentRules(rules, ctx);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the rules to be refused');
};

describe('compileSegment: every field type and operator', () => {
  it.each([
    [{ field: 'points', operator: '=', value: 100 }, '((m.points_balance >= ? AND m.points_balance <= ?))', [100, 100]],
    [{ field: 'points', operator: '!=', value: 100 }, '((NOT (m.points_balance >= ? AND m.points_balance <= ?)))', [100, 100]],
    [{ field: 'points', operator: '<', value: 100 }, '((m.points_balance < ?))', [100]],
    [{ field: 'points', operator: '<=', value: 100 }, '((m.points_balance <= ?))', [100]],
    [{ field: 'points', operator: '>', value: 100 }, '((m.points_balance >= ?))', [101]],
    [{ field: 'growth', operator: '>=', value: '7' }, '((m.growth >= ?))', [7]],
    [{ field: 'spend90d', operator: 'between', value: [100, 200] }, '((s.spend_90d_cents >= ? AND s.spend_90d_cents <= ?))', [100, 200]],
    [{ field: 'purchases365d', operator: 'notBetween', value: [1, 2] }, '((NOT (s.purchases_365d >= ? AND s.purchases_365d <= ?)))', [1, 2]],
    [{ field: 'tier', operator: '=', value: 'T2' }, '((m.tier_id IN (?)))', [2]],
    [{ field: 'tier', operator: 'notIn', value: ['T1', 'T2'] }, '((NOT (m.tier_id IN (?, ?))))', [1, 2]],
    [{ field: 'joinStore', operator: 'in', value: ['S002'] }, '((m.join_store_id IS NOT NULL AND m.join_store_id IN (?)))', [12]],
    [{ field: 'joinStore', operator: 'null' }, '((m.join_store_id IS NULL))', []],
    [{ field: 'joinStore', operator: 'notNull' }, '((NOT (m.join_store_id IS NULL)))', []],
    [{ field: 'birthdayMonth', operator: '=', value: 12 }, '((s.birthday_month IS NOT NULL AND s.birthday_month IN (?)))', [12]],
    [{ field: 'hasPhone', operator: '=', value: true }, '((m.phone_last4 IS NOT NULL))', []],
    [{ field: 'hasPhone', operator: '=', value: false }, '((NOT (m.phone_last4 IS NOT NULL)))', []],
    [{ field: 'hasTag', operator: '=', value: 5 }, '((m.id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?))))', [5]],
    [{ field: 'lacksTag', operator: 'in', value: [5, 6] }, '((NOT (m.id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?, ?)))))', [5, 6]],
    // A rule tag with a bit is tested on the member row; a list mixing both kinds ORs the bits with the subquery.
    [{ field: 'lacksTag', operator: '=', value: 9 }, '((NOT ((m.rule_tags & ?) <> 0)))', [8]],
    [{ field: 'hasTag', operator: 'in', value: [9, 10] }, '(((m.rule_tags & ?) <> 0))', [10]],
    [{ field: 'hasTag', operator: 'in', value: [5, 9] }, '(((m.rule_tags & ?) <> 0 OR m.id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?))))', [8, 5]],
    // Every active member has a stats row, so a count is never NULL.
    [{ field: 'spend30d', operator: '<', value: 100 }, '((s.spend_30d_cents < ?))', [100]],
    [{ field: 'purchases90d', operator: '=', value: 0 }, '((s.purchases_90d >= ? AND s.purchases_90d <= ?))', [0, 0]],
    // Sends left of a template: members with a grant in the range, or (when 0 is in it) all but those outside it.
    [{ field: 'subscriptionQuota', operator: '>=', value: { templateId: 7, count: 1 } }, '((m.id IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND g.remaining >= ?)))', [7, 1]],
    [{ field: 'subscriptionQuota', operator: '>', value: { templateId: 7, count: 0 } }, '((m.id IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND g.remaining >= ?)))', [7, 1]],
    [{ field: 'subscriptionQuota', operator: 'between', value: { templateId: 8, count: [2, 3] } }, '((m.id IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND g.remaining >= ? AND g.remaining <= ?)))', [8, 2, 3]],
    [{ field: 'subscriptionQuota', operator: '<', value: { templateId: 7, count: 2 } }, '((m.id NOT IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND NOT (g.remaining < ?))))', [7, 2]],
    [{ field: 'subscriptionQuota', operator: '=', value: { templateId: 7, count: 0 } }, '((m.id NOT IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND NOT (g.remaining >= ? AND g.remaining <= ?))))', [7, 0, 0]],
    [{ field: 'subscriptionQuota', operator: '!=', value: { templateId: 7, count: '0' } }, '((NOT (m.id NOT IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND NOT (g.remaining >= ? AND g.remaining <= ?)))))', [7, 0, 0]],
  ])('%j', (rule, where, params) => {
    expect(one(rule)).toMatchObject({ where, params });
  });

  it('starts from member_stats when a rule reads it, joining the member row only for a column kept there alone', () => {
    expect(one({ field: 'points', operator: '>', value: 1 }).source).toBe('members');
    expect(one({ field: 'hasTag', operator: '=', value: 5 }).source).toBe('members');
    expect(one({ field: 'spend90d', operator: '>', value: 1 }).source).toBe('stats');
    expect(one({ field: 'lastPurchaseDate', operator: 'null' }).source).toBe('stats');
    const rules = (...r: unknown[]) => compileSegment(checkSegmentRules({ combinator: 'and', rules: r }, ctx), (d) => d.toISOString());
    // Tier and join store are copied onto member_stats; tags and quotas take the member id of the source.
    expect(rules({ field: 'spend90d', operator: '>', value: 1 }, { field: 'tier', operator: '=', value: 'T2' }, { field: 'hasTag', operator: '=', value: 5 })).toMatchObject({
      source: 'stats',
      where: '((s.spend_90d_cents >= ?) AND (s.tier_id IN (?)) AND (s.member_id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?))))',
    });
    expect(rules({ field: 'birthdayMonth', operator: '=', value: 3 }, { field: 'hasPhone', operator: '=', value: true }).source).toBe('stats+members');
    // Without the member row, a rule tag is read from member_tags; with it, from its bit.
    expect(rules({ field: 'spend90d', operator: '>', value: 1 }, { field: 'lacksTag', operator: '=', value: 9 })).toMatchObject({
      source: 'stats',
      where: '((s.spend_90d_cents >= ?) AND (NOT (s.member_id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?)))))',
      params: [1 + 1, 9],
    });
    expect(rules({ field: 'spend90d', operator: '>', value: 1 }, { field: 'points', operator: '>', value: 1 }, { field: 'lacksTag', operator: '=', value: 9 })).toMatchObject({
      source: 'stats+members',
      where: '((s.spend_90d_cents >= ?) AND (m.points_balance >= ?) AND (NOT ((m.rule_tags & ?) <> 0)))',
      params: [2, 2, 8],
    });
  });

  it.each([
    // A business day runs from Shanghai midnight (16:00 UTC the day before) to the next.
    [{ field: 'joinDate', operator: '=', value: '2026-11-01' }, '((m.created_at >= ? AND m.created_at < ?))', ['2026-10-31T16:00:00.000Z', '2026-11-01T16:00:00.000Z']],
    [{ field: 'joinDate', operator: '<', value: '2026-11-01' }, '((m.created_at < ?))', ['2026-10-31T16:00:00.000Z']],
    [{ field: 'joinDate', operator: '<=', value: '2026-11-01' }, '((m.created_at < ?))', ['2026-11-01T16:00:00.000Z']],
    [{ field: 'joinDate', operator: '>', value: '2026-11-01' }, '((m.created_at >= ?))', ['2026-11-01T16:00:00.000Z']],
    [{ field: 'joinDate', operator: '>=', value: '2026-11-01' }, '((m.created_at >= ?))', ['2026-10-31T16:00:00.000Z']],
    [{ field: 'lastPurchaseDate', operator: 'between', value: ['2026-11-01', '2026-11-30'] }, '((s.last_purchase_at IS NOT NULL AND s.last_purchase_at >= ? AND s.last_purchase_at < ?))', ['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z']],
    // The last 30 days are 2 Nov … 1 Dec: from 2 Nov's Shanghai midnight.
    [{ field: 'lastPurchaseDate', operator: 'withinLastDays', value: 30 }, '((s.last_purchase_at IS NOT NULL AND s.last_purchase_at >= ?))', ['2026-11-01T16:00:00.000Z']],
    [{ field: 'lastPurchaseDate', operator: 'notWithinLastDays', value: 30 }, '((NOT (s.last_purchase_at IS NOT NULL AND s.last_purchase_at >= ?)))', ['2026-11-01T16:00:00.000Z']],
    [{ field: 'lastPurchaseDate', operator: 'null' }, '((s.last_purchase_at IS NULL))', []],
  ])('date %j', (rule, where, params) => {
    expect(one(rule)).toMatchObject({ where, params });
  });

  it('nests groups with and / or / not', () => {
    const compiled = compile({
      combinator: 'or',
      rules: [
        { field: 'points', operator: '>=', value: 1 },
        { combinator: 'and', not: true, rules: [{ field: 'growth', operator: '<', value: 5 }, { field: 'hasTag', operator: '=', value: 6 }] },
      ],
    });
    expect(compiled.where).toBe('((m.points_balance >= ?) OR (NOT ((m.growth < ?) AND (m.id IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (?))))))');
    expect(compiled.params).toEqual([1, 5, 6]);
  });

  it('takes lists as react-querybuilder sends them: arrays, comma-separated strings, one value', () => {
    expect(one({ field: 'tier', operator: 'in', value: 'T1, T2' }).params).toEqual([1, 2]);
    expect(one({ field: 'joinStore', operator: 'in', value: 'S001' }).params).toEqual([11]);
    expect(one({ field: 'points', operator: 'between', value: '1,5' }).params).toEqual([1, 5]);
    expect(one({ field: 'hasTag', operator: 'in', value: 6 }).params).toEqual([6]);
  });

  it('an empty group is everyone (and) or no one (or)', () => {
    expect(compile({ combinator: 'and', rules: [] }).where).toBe('(1 = 1)');
    expect(compile({ combinator: 'or', rules: [] }).where).toBe('(1 = 0)');
  });
});

describe('checkSegmentRules refuses, naming the problem', () => {
  it.each([
    ['an unknown field', { field: 'card_no', operator: '=', value: 1 }, 'unknown field "card_no"'],
    ['a column injected as a field', { field: 'm.id) OR (1=1', operator: '=', value: 1 }, 'unknown field "m.id) OR (1=1"'],
    ['an inherited property as a field', { field: 'constructor', operator: '=', value: 1 }, 'unknown field "constructor"'],
    ['an unknown operator', { field: 'points', operator: 'LIKE', value: 1 }, 'field points has no operator "LIKE"'],
    ['SQL as an operator', { field: 'points', operator: '= 1 OR 1 =', value: 1 }, 'field points has no operator "= 1 OR 1 ="'],
    ['an operator of another type', { field: 'points', operator: 'withinLastDays', value: 1 }, 'field points has no operator "withinLastDays"'],
    ['SQL in a number', { field: 'points', operator: '=', value: '1 OR 1=1' }, 'expected a whole number, got "1 OR 1=1"'],
    ['a fraction', { field: 'points', operator: '=', value: 1.5 }, 'expected a whole number, got 1.5'],
    ['a number past its limit', { field: 'points', operator: '<', value: -1 }, '-1 is outside 0–1000000000'],
    ['SQL in a date', { field: 'joinDate', operator: '<', value: "2026-01-01' OR '1'='1" }, 'expected a date YYYY-MM-DD'],
    ['an impossible date', { field: 'joinDate', operator: '<', value: '2026-02-30' }, '2026-02-30 is not a calendar date'],
    ['SQL in a tier code', { field: 'tier', operator: '=', value: "T1' OR '1'='1" }, 'no tier with code'],
    ['an unknown store', { field: 'joinStore', operator: 'in', value: ['S999'] }, 'no store with code "S999"'],
    ['an unknown tag', { field: 'hasTag', operator: '=', value: 99 }, 'no tag 99'],
    ['a month 13', { field: 'birthdayMonth', operator: '=', value: 13 }, '13 is outside 1–12'],
    ['a string for a boolean', { field: 'hasPhone', operator: '=', value: 'true' }, 'hasPhone takes true or false'],
    ['a reversed range', { field: 'points', operator: 'between', value: [5, 1] }, 'the first value must not be after the second'],
    ['a one-value range', { field: 'points', operator: 'between', value: [5] }, 'between takes two values'],
    ['an empty list', { field: 'tier', operator: 'in', value: [] }, 'expected a non-empty list'],
    ['a rule without operator', { field: 'points' }, 'a rule needs a field and an operator'],
    ['an unregistered template', { field: 'subscriptionQuota', operator: '>=', value: { templateId: 99, count: 1 } }, 'no message template 99'],
    ['SQL as a template', { field: 'subscriptionQuota', operator: '>=', value: { templateId: '7) OR (1=1', count: 1 } }, 'value.templateId: expected a whole number, got "7) OR (1=1"'],
    ['SQL in a quota count', { field: 'subscriptionQuota', operator: '>=', value: { templateId: 7, count: '1 OR 1=1' } }, 'value.count: expected a whole number, got "1 OR 1=1"'],
    ['a negative quota count', { field: 'subscriptionQuota', operator: '<', value: { templateId: 7, count: -1 } }, '-1 is outside 0–1000000'],
    ['a quota without its template', { field: 'subscriptionQuota', operator: '>=', value: 1 }, 'subscriptionQuota takes { templateId, count }'],
    ['a list operator on a quota', { field: 'subscriptionQuota', operator: 'in', value: { templateId: 7, count: 1 } }, 'field subscriptionQuota has no operator "in"'],
  ])('%s', (_, rule, message) => {
    const error = failure({ combinator: 'and', rules: [rule] });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(message);
    expect(error.message).toContain('rules.rules[0]');
  });

  it('an unknown combinator', () => {
    expect(failure({ combinator: 'xor', rules: [] }).message).toContain('unknown combinator "xor"');
    expect(failure({ combinator: 'and); DROP TABLE members; --', rules: [] }).message).toContain('unknown combinator');
  });

  it('groups deeper than 4', () => {
    const nest = (depth: number): unknown => (depth === 1 ? { combinator: 'and', rules: [] } : { combinator: 'and', rules: [nest(depth - 1)] });
    expect(() => checkSegmentRules(nest(4), ctx)).not.toThrow();
    expect(failure(nest(5)).message).toContain('groups nest at most 4 deep');
  });

  it('values never reach the SQL text', () => {
    const compiled = one({ field: 'joinStore', operator: 'notIn', value: ['S001', 'S002'] });
    expect(compiled.where).not.toContain('S00');
    expect(compiled.params).toEqual([11, 12]);
  });
});

describe('evaluateSegment agrees with the compiled meaning on NULLs', () => {
  const member: SegmentMemberFacts = {
    tierId: 1, points: 10, growth: 0, joinStoreId: null, joinedAt: new Date('2026-11-05T00:00:00Z'), hasPhone: false, lastPurchaseAt: null,
    spend30dCents: 0, spend90dCents: 0, spend365dCents: 0, purchases30d: 0, purchases90d: 0, purchases365d: 0, birthdayMonth: null, tagIds: new Set([5]), quotas: new Map([[7, 2]]),
  };
  it.each([
    [{ field: 'joinStore', operator: '=', value: 'S001' }, false],
    [{ field: 'joinStore', operator: '!=', value: 'S001' }, true],
    [{ field: 'lastPurchaseDate', operator: '>', value: '2020-01-01' }, false],
    [{ field: 'lastPurchaseDate', operator: 'notWithinLastDays', value: 90 }, true],
    [{ field: 'joinDate', operator: 'withinLastDays', value: 30 }, true],
    [{ field: 'hasTag', operator: 'in', value: [5, 6] }, true],
    [{ field: 'lacksTag', operator: '=', value: 6 }, true],
    [{ field: 'subscriptionQuota', operator: '>=', value: { templateId: 7, count: 2 } }, true],
    [{ field: 'subscriptionQuota', operator: '>', value: { templateId: 7, count: 2 } }, false],
    // No grant of template 8: it has 0 left.
    [{ field: 'subscriptionQuota', operator: '=', value: { templateId: 8, count: 0 } }, true],
    [{ field: 'subscriptionQuota', operator: '>=', value: { templateId: 8, count: 1 } }, false],
  ])('%j → %s', (rule, expected) => {
    expect(evaluateSegment(checkSegmentRules({ combinator: 'and', rules: [rule] }, ctx), member)).toBe(expected);
  });
});
