import type { SegmentFieldType } from '@huiyuan/shared-types';

/** What the in-memory evaluation reads of a member: the same facts the SQL columns hold. */
export interface SegmentMemberFacts {
  tierId: number;
  points: number;
  growth: number;
  joinStoreId: number | null;
  joinedAt: Date;
  hasPhone: boolean;
  lastPurchaseAt: Date | null;
  spend30dCents: number;
  spend90dCents: number;
  spend365dCents: number;
  purchases30d: number;
  purchases90d: number;
  purchases365d: number;
  birthdayMonth: number | null;
  tagIds: ReadonlySet<number>;
  /** Sends left per message template id; a template missing here has 0. */
  quotas: ReadonlyMap<number, number>;
}

export type EnumSource = 'tiers' | 'stores' | 'months' | 'templates';

export interface SegmentFieldSpec {
  label: string;
  type: SegmentFieldType;
  /** A column expression over `members m` or `member_stats s`; never built from input (empty for tags and quotas, compiled to subqueries). */
  sql: string;
  /** The same value as copied onto member_stats: read there when the segment starts from member_stats. */
  copy?: string;
  nullable: boolean;
  operators: readonly string[];
  min?: number;
  max?: number;
  unit?: 'cents' | 'points' | 'count';
  enumSource?: EnumSource;
  /** Whether the expression reads member_stats (a segment with such a rule starts from member_stats). */
  stats?: boolean;
  /** For tag fields: whether the member must lack the tags. */
  lacks?: boolean;
  read: (m: SegmentMemberFacts) => number | boolean | null;
}

const NUMBER_OPS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween'] as const;
const DATE_OPS = ['=', '<', '<=', '>', '>=', 'between', 'notBetween', 'withinLastDays', 'notWithinLastDays'] as const;
const ENUM_OPS = ['=', '!=', 'in', 'notIn'] as const;
const MONEY_MAX = 100_000_000_00;
const COUNT_MAX = 1_000_000;

const money = (label: string, column: string, read: (m: SegmentMemberFacts) => number): SegmentFieldSpec => ({
  label, type: 'number', sql: `s.${column}`, nullable: false, stats: true, operators: NUMBER_OPS, min: 0, max: MONEY_MAX, unit: 'cents', read,
});
const count = (label: string, column: string, read: (m: SegmentMemberFacts) => number): SegmentFieldSpec => ({
  label, type: 'number', sql: `s.${column}`, nullable: false, stats: true, operators: NUMBER_OPS, min: 0, max: COUNT_MAX, unit: 'count', read,
});

/**
 * The only fields a segment may name. A field maps to its SQL expression here, so the client never
 * sends SQL or a column name; a name outside this table is a 400.
 */
export const SEGMENT_FIELDS: Readonly<Record<string, SegmentFieldSpec>> = {
  tier: { label: '等级', type: 'enum', sql: 'm.tier_id', copy: 's.tier_id', nullable: false, operators: ENUM_OPS, enumSource: 'tiers', read: (m) => m.tierId },
  points: { label: '积分余额', type: 'number', sql: 'm.points_balance', nullable: false, operators: NUMBER_OPS, min: 0, max: 1_000_000_000, unit: 'points', read: (m) => m.points },
  growth: { label: '成长值', type: 'number', sql: 'm.growth', nullable: false, operators: NUMBER_OPS, min: 0, max: 1_000_000_000, unit: 'points', read: (m) => m.growth },
  joinStore: { label: '加入门店', type: 'enum', sql: 'm.join_store_id', copy: 's.join_store_id', nullable: true, operators: [...ENUM_OPS, 'null', 'notNull'], enumSource: 'stores', read: (m) => m.joinStoreId },
  joinDate: { label: '入会日期', type: 'date', sql: 'm.created_at', nullable: false, operators: DATE_OPS, read: (m) => m.joinedAt.getTime() },
  lastPurchaseDate: { label: '最近消费日期', type: 'date', sql: 's.last_purchase_at', nullable: true, stats: true, operators: [...DATE_OPS, 'null', 'notNull'], read: (m) => m.lastPurchaseAt?.getTime() ?? null },
  spend30d: money('近 30 天消费（分）', 'spend_30d_cents', (m) => m.spend30dCents),
  spend90d: money('近 90 天消费（分）', 'spend_90d_cents', (m) => m.spend90dCents),
  spend365d: money('近 12 个月消费（分）', 'spend_365d_cents', (m) => m.spend365dCents),
  purchases30d: count('近 30 天消费次数', 'purchases_30d', (m) => m.purchases30d),
  purchases90d: count('近 90 天消费次数', 'purchases_90d', (m) => m.purchases90d),
  purchases365d: count('近 12 个月消费次数', 'purchases_365d', (m) => m.purchases365d),
  birthdayMonth: { label: '生日月份', type: 'enum', sql: 's.birthday_month', nullable: true, stats: true, operators: [...ENUM_OPS, 'null', 'notNull'], enumSource: 'months', read: (m) => m.birthdayMonth },
  hasPhone: { label: '已绑定手机', type: 'boolean', sql: 'm.phone_last4 IS NOT NULL', nullable: false, operators: ['='], read: (m) => m.hasPhone },
  hasTag: { label: '有标签', type: 'tag', sql: '', nullable: false, operators: ['=', 'in'], read: () => null },
  lacksTag: { label: '无标签', type: 'tag', sql: '', nullable: false, operators: ['=', 'in'], lacks: true, read: () => null },
  // The value names a registered template and a count: { templateId, count }.
  subscriptionQuota: { label: '订阅消息剩余次数', type: 'quota', sql: '', nullable: false, operators: NUMBER_OPS, min: 0, max: COUNT_MAX, unit: 'count', enumSource: 'templates', read: () => null },
};
