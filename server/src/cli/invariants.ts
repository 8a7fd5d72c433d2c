import type { DataSource } from 'typeorm';
import { RULE_TAG_BIT_KEYS, ruleTagBit } from '../tags/rule-tags';

export interface InvariantResult {
  name: string;
  /** How many rows (members, rewards, coupons…) the check looked at. */
  checked: number;
  /** Up to ten offending rows, as text. */
  violations: string[];
}

interface Check {
  name: string;
  count: string;
  offenders: string;
}

/** ARCHITECTURE.md's invariants, each as "how many were looked at" and "which break it", in portable SQL over the whole database. */
const CHECKS: Check[] = [
  {
    name: "a member's balance equals the sum of their ledger and of their lots' remaining amounts, and is never negative",
    count: 'SELECT COUNT(*) AS n FROM members',
    offenders: `SELECT m.id, m.points_balance AS balance, COALESCE(l.total, 0) AS ledger, COALESCE(o.total, 0) AS lots
      FROM members m
      LEFT JOIN (SELECT member_id, SUM(delta) AS total FROM points_ledger GROUP BY member_id) l ON l.member_id = m.id
      LEFT JOIN (SELECT member_id, SUM(remaining) AS total FROM points_lots GROUP BY member_id) o ON o.member_id = m.id
      WHERE m.points_balance < 0 OR m.points_balance <> COALESCE(l.total, 0) OR m.points_balance <> COALESCE(o.total, 0)`,
  },
  {
    name: 'a lot never has less than nothing left',
    count: 'SELECT COUNT(*) AS n FROM points_lots',
    offenders: 'SELECT id, member_id, remaining FROM points_lots WHERE remaining < 0',
  },
  {
    name: "a reward's issued count never exceeds its stock",
    count: 'SELECT COUNT(*) AS n FROM rewards',
    offenders: `SELECT r.id, r.stock_total, r.stock_left, COUNT(x.id) AS issued FROM rewards r LEFT JOIN reward_redemptions x ON x.reward_id = r.id
      GROUP BY r.id, r.stock_total, r.stock_left HAVING r.stock_left < 0 OR COUNT(x.id) > r.stock_total`,
  },
  {
    name: 'a coupon is used at most once',
    count: 'SELECT COUNT(*) AS n FROM coupons',
    offenders: 'SELECT coupon_id, COUNT(*) AS uses FROM coupon_verifications WHERE undone_at IS NULL GROUP BY coupon_id HAVING COUNT(*) > 1',
  },
  {
    name: 'a member checks in at most once a day',
    count: 'SELECT COUNT(*) AS n FROM checkins',
    offenders: 'SELECT member_id, day, COUNT(*) AS n FROM checkins GROUP BY member_id, day HAVING COUNT(*) > 1',
  },
  {
    name: 'a member has at most one referrer',
    count: 'SELECT COUNT(*) AS n FROM referrals',
    offenders: 'SELECT referee_id, COUNT(DISTINCT referrer_id) AS n FROM referrals GROUP BY referee_id HAVING COUNT(DISTINCT referrer_id) > 1',
  },
  {
    // Segments read member_stats alone: a missing row or a stale copy would miscount them.
    name: "every active member, and no other, has a member_stats row, whose tier and join store equal the member's",
    count: 'SELECT COUNT(*) AS n FROM members',
    offenders: `SELECT m.id, m.status, m.tier_id, s.tier_id AS stats_tier_id, m.join_store_id, s.join_store_id AS stats_join_store_id
      FROM members m LEFT JOIN member_stats s ON s.member_id = m.id
      WHERE (m.status = 'active' AND (s.member_id IS NULL OR s.tier_id <> m.tier_id OR NOT (s.join_store_id = m.join_store_id OR (s.join_store_id IS NULL AND m.join_store_id IS NULL))))
        OR (m.status <> 'active' AND s.member_id IS NOT NULL)`,
  },
  {
    // Segments test these bits instead of member_tags: a stale bit would miscount them.
    name: "a member's rule_tags holds exactly the bits of the rule tags they carry in member_tags",
    count: 'SELECT COUNT(*) AS n FROM members',
    offenders: `SELECT m.id, m.rule_tags, COALESCE(x.bits, 0) AS tagged FROM members m
      LEFT JOIN (SELECT mt.member_id, SUM(CASE t.rule_key ${RULE_TAG_BIT_KEYS.map((k) => `WHEN '${k}' THEN ${ruleTagBit(k)}`).join(' ')} ELSE 0 END) AS bits
        FROM member_tags mt JOIN tags t ON t.id = mt.tag_id GROUP BY mt.member_id) x ON x.member_id = m.id
      WHERE m.rule_tags <> COALESCE(x.bits, 0)`,
  },
  {
    name: 'a purchase is never refunded beyond its amount',
    count: 'SELECT COUNT(*) AS n FROM purchases',
    offenders: 'SELECT id, amount_cents, refunded_cents FROM purchases WHERE refunded_cents < 0 OR refunded_cents > amount_cents',
  },
];

const CAMPAIGN_CHECK: Check = {
  name: 'a member receives a campaign at most once',
  count: 'SELECT COUNT(*) AS n FROM campaign_deliveries',
  offenders: 'SELECT campaign_id, member_id, COUNT(*) AS n FROM campaign_deliveries GROUP BY campaign_id, member_id HAVING COUNT(*) > 1',
};

export async function checkInvariants(dataSource: DataSource): Promise<InvariantResult[]> {
  const checks = (await hasTable(dataSource, 'campaign_deliveries')) ? [...CHECKS, CAMPAIGN_CHECK] : CHECKS;
  const results: InvariantResult[] = [];
  for (const check of checks) {
    const [count] = await dataSource.query<Array<{ n: number | string }>>(check.count);
    const offenders = await dataSource.query<Array<Record<string, unknown>>>(check.offenders);
    results.push({ name: check.name, checked: Number(count?.n ?? 0), violations: offenders.slice(0, 10).map((row) => JSON.stringify(row)) });
  }
  return results;
}

/** One line per invariant, then a closing line; the caller exits non-zero when anything broke. */
export function describeInvariants(results: InvariantResult[]): string {
  const lines = results.map((r) => `${r.violations.length ? 'BROKEN' : 'ok    '} ${r.name} (${r.checked} checked)${r.violations.map((v) => `\n         ${v}`).join('')}`);
  const broken = results.filter((r) => r.violations.length).length;
  return `${lines.join('\n')}\ninvariants: ${results.length - broken} passed, ${broken} failed\n`;
}

/** Campaigns arrive with their own feature; until their table exists there is nothing to check. */
async function hasTable(dataSource: DataSource, table: string): Promise<boolean> {
  try {
    await dataSource.query(`SELECT 1 FROM ${table} WHERE 1 = 0`);
    return true;
  } catch {
    return false;
  }
}
