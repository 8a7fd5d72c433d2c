import { SEGMENT_MAX_DEPTH, SegmentRule } from '@huiyuan/shared-types';
import { addDays, startOfBusinessDay } from '../common/time/business-date';
import { remainingInRangeSql } from '../subscriptions/subscription-grants.repository';
import { SEGMENT_FIELDS, SegmentFieldSpec, SegmentMemberFacts } from './segment-fields';
import { segmentRuleInvalid as invalid } from './segments.errors';

/** What compiling needs to know: the codes values may name, and today in the business zone. */
export interface SegmentContext {
  today: string;
  timeZone: string;
  tierIdByCode: ReadonlyMap<string, number>;
  storeIdByCode: ReadonlyMap<string, number>;
  tagIds: ReadonlySet<number>;
  /** The bit in `members.rule_tags` of each rule tag kept there (tag id → bit). */
  ruleTagBits: ReadonlyMap<number, number>;
  /** The registered message templates a quota rule may name. */
  templateIds: ReadonlySet<number>;
}

const MAX_RULES = 60;
const MAX_LIST = 200;
const MAX_DAYS = 3650;

/** A checked rule: the field's spec and a predicate in one of four shapes, possibly negated. */
type RangePredicate = { kind: 'range'; lo: number | null; hi: number | null; hiInclusive: boolean };
type Predicate =
  | RangePredicate
  | { kind: 'set'; values: number[] }
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  /** `bits`: the `members.rule_tags` bits of the tags that have one; `unbitted`: the others. */
  | { kind: 'tags'; tagIds: number[]; bits: number; unbitted: number[] }
  | { kind: 'quota'; templateId: number; lo: number | null; hi: number | null; hiInclusive: boolean };

export interface CheckedRule {
  type: 'rule';
  field: string;
  spec: SegmentFieldSpec;
  predicate: Predicate;
  negate: boolean;
}

export interface CheckedGroup {
  type: 'group';
  combinator: 'and' | 'or';
  not: boolean;
  rules: Array<CheckedRule | CheckedGroup>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a tree from the client against the registry and the value limits; every problem is a 400 naming it. */
export function checkSegmentRules(tree: unknown, ctx: SegmentContext): CheckedGroup {
  let ruleCount = 0;
  const group = (node: unknown, path: string, depth: number): CheckedGroup => {
    if (!isObject(node) || !Array.isArray(node.rules)) throw invalid(path, 'a group needs a combinator and a rules list');
    if (depth > SEGMENT_MAX_DEPTH) throw invalid(path, `groups nest at most ${SEGMENT_MAX_DEPTH} deep`);
    const combinator = node.combinator ?? 'and';
    if (combinator !== 'and' && combinator !== 'or') throw invalid(`${path}.combinator`, `unknown combinator ${JSON.stringify(combinator).slice(0, 40)}; use and or or`);
    if (node.not !== undefined && typeof node.not !== 'boolean') throw invalid(`${path}.not`, 'not must be true or false');
    const rules = node.rules.map((child: unknown, i: number) => {
      const at = `${path}.rules[${i}]`;
      if (isObject(child) && Array.isArray(child.rules)) return group(child, at, depth + 1);
      if (++ruleCount > MAX_RULES) throw invalid(at, `a segment has at most ${MAX_RULES} rules`);
      return rule(child, at, ctx);
    });
    return { type: 'group', combinator, not: node.not === true, rules };
  };
  return group(tree, '', 1);
}

function rule(node: unknown, path: string, ctx: SegmentContext): CheckedRule {
  if (!isObject(node) || typeof node.field !== 'string' || typeof node.operator !== 'string') throw invalid(path, 'a rule needs a field and an operator');
  const { field, operator, value } = node as unknown as SegmentRule;
  const spec = Object.prototype.hasOwnProperty.call(SEGMENT_FIELDS, field) ? SEGMENT_FIELDS[field] : undefined;
  if (!spec) throw invalid(`${path}.field`, `unknown field ${JSON.stringify(field.slice(0, 40))}`, { field: field.slice(0, 40) });
  if (!spec.operators.includes(operator)) {
    throw invalid(`${path}.operator`, `field ${field} has no operator ${JSON.stringify(operator.slice(0, 20))}; it allows ${spec.operators.join(' ')}`, { field, operator: operator.slice(0, 20) });
  }
  const at = `${path}.value`;
  const made = (predicate: Predicate, negate = false): CheckedRule => ({ type: 'rule', field, spec, predicate, negate });
  if (operator === 'null' || operator === 'notNull') return made({ kind: 'null' }, operator === 'notNull');
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(at, `${field} takes true or false`);
      return made({ kind: 'bool', value });
    case 'tag': {
      const ids = (operator === 'in' ? list(value, at) : [value]).map((v) => integer(v, at, 1, Number.MAX_SAFE_INTEGER));
      for (const id of ids) if (!ctx.tagIds.has(id)) throw invalid(at, `no tag ${id}`, { tagId: id });
      const bits = ids.reduce((mask, id) => mask | (ctx.ruleTagBits.get(id) ?? 0), 0);
      return made({ kind: 'tags', tagIds: ids, bits, unbitted: ids.filter((id) => !ctx.ruleTagBits.has(id)) }, spec.lacks === true);
    }
    case 'enum': {
      const values = (operator === 'in' || operator === 'notIn' ? list(value, at) : [value]).map((v) => enumValue(spec, v, at, ctx));
      return made({ kind: 'set', values }, operator === '!=' || operator === 'notIn');
    }
    case 'number': {
      const read = (v: unknown, p: string) => integer(v, p, spec.min ?? 0, spec.max ?? Number.MAX_SAFE_INTEGER);
      return made(...numericRange(operator, value, at, read));
    }
    case 'quota': {
      if (!isObject(value)) throw invalid(at, `${field} takes { templateId, count }`);
      const templateId = integer(value.templateId, `${at}.templateId`, 1, Number.MAX_SAFE_INTEGER);
      if (!ctx.templateIds.has(templateId)) throw invalid(`${at}.templateId`, `no message template ${templateId}`, { templateId });
      const read = (v: unknown, p: string) => integer(v, p, spec.min ?? 0, spec.max ?? Number.MAX_SAFE_INTEGER);
      const [range, negate] = numericRange(operator, value.count, `${at}.count`, read);
      return made({ kind: 'quota', templateId, lo: range.lo, hi: range.hi, hiInclusive: range.hiInclusive }, negate);
    }
    case 'date': {
      const start = (day: string) => startOfBusinessDay(day, ctx.timeZone).getTime();
      if (operator === 'withinLastDays' || operator === 'notWithinLastDays') {
        // "Within the last N days" is the N business days ending today, turning at local midnight.
        const days = integer(value, at, 1, MAX_DAYS);
        return made({ kind: 'range', lo: start(addDays(ctx.today, -(days - 1))), hi: null, hiInclusive: false }, operator === 'notWithinLastDays');
      }
      // A day is the span from its local midnight to the next: "<= d" is "before the day after d".
      return made(...numericRange(operator, value, at, (v, p) => start(date(v, p)), (v, p) => start(addDays(date(v, p), 1))));
    }
  }
}

/** Number-like comparisons as a half-open or closed range; `upper` reads a bound meant as "up to and including". */
function numericRange(operator: string, value: unknown, at: string, read: (v: unknown, path: string) => number, upper?: (v: unknown, path: string) => number): [RangePredicate, boolean] {
  // For dates, "up to and including day d" is "before the start of d + 1"; for numbers it is "<= d".
  const hiOf = upper ?? read;
  const closed = upper === undefined;
  switch (operator) {
    case '=':
      return [{ kind: 'range', lo: read(value, at), hi: hiOf(value, at), hiInclusive: closed }, false];
    case '!=':
      return [{ kind: 'range', lo: read(value, at), hi: hiOf(value, at), hiInclusive: closed }, true];
    case '<':
      return [{ kind: 'range', lo: null, hi: read(value, at), hiInclusive: false }, false];
    case '<=':
      return [{ kind: 'range', lo: null, hi: hiOf(value, at), hiInclusive: closed }, false];
    case '>':
      // Whole numbers: "> n" is ">= n + 1"; a day: from the next day's midnight. A NULL stays false.
      return [{ kind: 'range', lo: closed ? read(value, at) + 1 : hiOf(value, at), hi: null, hiInclusive: false }, false];
    case '>=':
      return [{ kind: 'range', lo: read(value, at), hi: null, hiInclusive: false }, false];
    case 'between':
    case 'notBetween': {
      const pair = list(value, at);
      if (pair.length !== 2) throw invalid(at, `${operator} takes two values [from, to]`);
      const lo = read(pair[0], `${at}[0]`);
      const hi = hiOf(pair[1], `${at}[1]`);
      if (hi < lo) throw invalid(at, `${operator}: the first value must not be after the second`);
      return [{ kind: 'range', lo, hi, hiInclusive: closed }, operator === 'notBetween'];
    }
    default:
      throw invalid(at, `operator ${operator} does not apply here`);
  }
}

/** A list as react-querybuilder may send it: an array, or a comma-separated string (its default), or one value. */
function list(raw: unknown, at: string): unknown[] {
  const value = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((v) => v.trim()).filter((v) => v !== '') : raw === undefined || raw === null ? [] : [raw];
  if (value.length === 0) throw invalid(at, 'expected a non-empty list');
  if (value.length > MAX_LIST) throw invalid(at, `at most ${MAX_LIST} values`);
  return value;
}

function integer(value: unknown, at: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(at, `expected a whole number, got ${JSON.stringify(value)?.slice(0, 40)}`);
  if (n < min || n > max) throw invalid(at, `${n} is outside ${min}–${max}`);
  return n;
}

function date(value: unknown, at: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(at, `expected a date YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw invalid(at, `${value} is not a calendar date`);
  const year = d.getUTCFullYear();
  if (year < 1970 || year > 2100) throw invalid(at, `${value} is outside 1970–2100`);
  return value;
}

function enumValue(spec: SegmentFieldSpec, value: unknown, at: string, ctx: SegmentContext): number {
  if (spec.enumSource === 'months') return integer(value, at, 1, 12);
  const byCode = spec.enumSource === 'tiers' ? ctx.tierIdByCode : ctx.storeIdByCode;
  const id = typeof value === 'string' ? byCode.get(value) : undefined;
  if (id === undefined) throw invalid(at, `no ${spec.enumSource === 'tiers' ? 'tier' : 'store'} with code ${JSON.stringify(value)?.slice(0, 40)}`);
  return id;
}

/**
 * Where a segment's rows come from. A segment that reads member_stats starts from it (every active
 * member has a row, and the tier and join store are copied onto it): one pass over its indexes, with
 * the member row joined only when a rule reads a column kept there alone (points, growth, join date,
 * phone). Any other segment reads the members' segment index.
 */
export type SegmentSource = 'members' | 'stats' | 'stats+members';

export interface CompiledSegment {
  /** A boolean SQL expression over the source's tables (`members m`, `member_stats s`). */
  where: string;
  params: unknown[];
  source: SegmentSource;
}

function rulesOf(g: CheckedGroup): CheckedRule[] {
  return g.rules.flatMap((c) => (c.type === 'group' ? rulesOf(c) : [c]));
}

/** The source a checked tree reads from (see SegmentSource). */
export function segmentSource(tree: CheckedGroup): SegmentSource {
  const rules = rulesOf(tree);
  if (!rules.some((r) => r.spec.stats)) return 'members';
  // Tags and quotas are subqueries on the member id, which either table has.
  const readsMemberRow = (r: CheckedRule) => !r.spec.stats && !r.spec.copy && r.spec.type !== 'tag' && r.spec.type !== 'quota';
  return rules.some(readsMemberRow) ? 'stats+members' : 'stats';
}

/** The member id, tier and join store columns of a source. */
export function sourceColumns(source: SegmentSource): { id: string; tier: string; store: string } {
  return source === 'members' ? { id: 'm.id', tier: 'm.tier_id', store: 'm.join_store_id' } : { id: 's.member_id', tier: 's.tier_id', store: 's.join_store_id' };
}

/**
 * The checked tree as one parameterised WHERE expression: SQL text comes only from the registry, every
 * value is a bound parameter. Each rule is two-valued (a NULL column makes it false, its negation
 * true), so NOT over a group means what the tree says.
 */
export function compileSegment(tree: CheckedGroup, bindDate: (at: Date) => unknown): CompiledSegment {
  const params: unknown[] = [];
  const source = segmentSource(tree);
  const memberId = sourceColumns(source).id;
  const bind = (spec: SegmentFieldSpec, v: number) => {
    params.push(spec.type === 'date' ? bindDate(new Date(v)) : v);
    return '?';
  };
  const ruleSql = (r: CheckedRule): string => {
    const { spec, predicate: p } = r;
    const col = source !== 'members' && spec.copy ? spec.copy : spec.sql;
    const guard = (sql: string) => (spec.nullable ? `(${col} IS NOT NULL AND ${sql})` : `(${sql})`);
    let sql: string;
    switch (p.kind) {
      case 'null':
        sql = `(${col} IS NULL)`;
        break;
      case 'bool':
        sql = p.value ? `(${col})` : `(NOT (${col}))`;
        break;
      case 'tags': {
        // A rule tag with a bit is tested on the member row when the source reads it (a bit in the
        // segment index, where joining a tag of 300,000 members cost more than the whole scan).
        const onRow = source !== 'stats' && p.bits !== 0;
        const listed = onRow ? p.unbitted : p.tagIds;
        const parts = onRow ? [`(m.rule_tags & ${(params.push(p.bits), '?')}) <> 0`] : [];
        // An IN subquery, not EXISTS: the optimiser may materialise the tag's members once instead of probing per member.
        if (listed.length) parts.push(`${memberId} IN (SELECT mt.member_id FROM member_tags mt WHERE mt.tag_id IN (${listed.map((id) => (params.push(id), '?')).join(', ')}))`);
        sql = `(${parts.join(' OR ')})`;
        break;
      }
      case 'set':
        sql = guard(`${col} IN (${p.values.map((v) => (params.push(v), '?')).join(', ')})`);
        break;
      case 'quota': {
        // The grants table belongs to subscriptions, which writes the condition; a member without a grant has 0.
        const quota = remainingInRangeSql(memberId, p.templateId, p);
        params.push(...quota.params);
        sql = quota.sql;
        break;
      }
      case 'range': {
        const parts: string[] = [];
        if (p.lo !== null) parts.push(`${col} >= ${bind(spec, p.lo)}`);
        if (p.hi !== null) parts.push(`${col} ${p.hiInclusive ? '<=' : '<'} ${bind(spec, p.hi)}`);
        sql = guard(parts.join(' AND '));
        break;
      }
    }
    return r.negate ? `(NOT ${sql})` : sql;
  };
  const groupSql = (g: CheckedGroup): string => {
    const inner = g.rules.length === 0 ? (g.combinator === 'and' ? '1 = 1' : '1 = 0') : g.rules.map((c) => (c.type === 'group' ? groupSql(c) : ruleSql(c))).join(g.combinator === 'and' ? ' AND ' : ' OR ');
    return g.not ? `(NOT (${inner}))` : `(${inner})`;
  };
  const where = groupSql(tree);
  return { where, params, source };
}

/** The same tree evaluated on one member in memory: the reference the SQL is tested against. */
export function evaluateSegment(tree: CheckedGroup, member: SegmentMemberFacts): boolean {
  const ruleValue = (r: CheckedRule): boolean => {
    const p = r.predicate;
    let result: boolean;
    if (p.kind === 'tags') {
      result = p.tagIds.some((id) => member.tagIds.has(id));
    } else if (p.kind === 'quota') {
      const left = member.quotas.get(p.templateId) ?? 0;
      result = (p.lo === null || left >= p.lo) && (p.hi === null || (p.hiInclusive ? left <= p.hi : left < p.hi));
    } else {
      const v = r.spec.read(member);
      switch (p.kind) {
        case 'null':
          result = v === null;
          break;
        case 'bool':
          result = v === p.value;
          break;
        case 'set':
          result = typeof v === 'number' && p.values.includes(v);
          break;
        case 'range':
          result = typeof v === 'number' && (p.lo === null || v >= p.lo) && (p.hi === null || (p.hiInclusive ? v <= p.hi : v < p.hi));
          break;
      }
    }
    return r.negate ? !result : result;
  };
  const groupValue = (g: CheckedGroup): boolean => {
    const values = g.rules.map((c) => (c.type === 'group' ? groupValue(c) : ruleValue(c)));
    const v = g.combinator === 'and' ? values.every(Boolean) : values.some(Boolean);
    return g.not ? !v : v;
  };
  return groupValue(tree);
}
