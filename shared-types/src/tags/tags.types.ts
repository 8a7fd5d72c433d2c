import type { MemberCard } from '../members/members.types';

export const TagKind = { MANUAL: 'manual', RULE: 'rule' } as const;
export type TagKind = (typeof TagKind)[keyof typeof TagKind];

/** A tag as staff see it; rule tags carry the key of the rule that keeps them true. */
export interface TagView {
  id: number;
  name: string;
  kind: TagKind;
  ruleKey: string | null;
  colour: string;
  description: string | null;
  /** Null for an HQ tag. */
  ownerStoreId: number | null;
  memberCount: number;
}

export interface CreateTagRequest {
  name: string;
  colour?: string;
  description?: string | null;
  /** HQ tags omit it; a store manager's tags belong to their store. */
  ownerStoreId?: number | null;
}

export interface UpdateTagRequest {
  name?: string;
  colour?: string;
  description?: string | null;
}

/** HQ-editable thresholds of the rule tags. */
export interface TagRuleSettings {
  /** 新会员: joined fewer than this many business days ago. */
  newMemberDays: number;
  /** 活跃: a purchase or check-in within this many days. */
  activeDays: number;
  /** 沉睡: no purchase (or, never buying, no join) for this many days. */
  dormantDays: number;
  /** 流失: none for this many days. */
  lostDays: number;
  /** 用券会员: verified a coupon within this many days. */
  couponUserDays: number;
  /** 消费下滑: spend in the last 90 days under this percent of the 90 days before. */
  declineRatioPct: number;
  /** RFM: a quintile score (1–5) at or above this is "high". */
  rfmHighScore: number;
  /** Time-of-day tags need at least this many purchases in 12 months. */
  daypartMinPurchases: number;
}

export interface BulkTagRequest {
  /** Tag every member of this segment (as it is now), or the listed members. */
  segmentId?: number;
  memberIds?: number[];
}

export interface BulkTagResult {
  tagId: number;
  changed: number;
}

export interface RuleTagRefreshRun {
  startedAt: string;
  durationMs: number;
  members: number;
  added: number;
  removed: number;
}

export interface MemberNoteView {
  id: number;
  body: string;
  staffId: number;
  staffName: string;
  createdAt: string;
}

/** GET /api/v1/staff/members/{id}/360: everything staff know about one member, on one page. */
export interface Member360 {
  card: MemberCard;
  profile: {
    gender: string;
    birthday: { calendar: string; month: number; day: number; year: number | null } | null;
    phoneMasked: string | null;
    region: string | null;
    occupation: string | null;
    joinStore: { id: number; code: string; name: string } | null;
    status: string;
  };
  stats: {
    lastPurchaseAt: string | null;
    purchases365d: number;
    spend365dCents: number;
    spend90dCents: number;
    lastCheckinDay: string | null;
    lastVisitAt: string | null;
    nextBirthday: string | null;
  };
  tierHistory: Array<{ fromTier: string; toTier: string; reason: string; at: string }>;
  growthHistory: Array<{ amount: number; sourceType: string; at: string }>;
  ledger: Array<{ id: number; delta: number; balanceAfter: number; type: string; reason: string; at: string }>;
  tags: Array<Pick<TagView, 'id' | 'name' | 'kind' | 'colour'>>;
  purchases: Array<{ id: number; orderNo: string; storeName: string; amountCents: number; refundedCents: number; points: number; at: string }>;
  coupons: Array<{ id: number; title: string; faceText: string; status: string; expiresAt: string; usedAt: string | null }>;
  checkins: Array<{ day: string; streak: number; points: number; kind: string }>;
  referrals: { referredBy: { id: number; cardNo: string; nickname: string | null } | null; referred: Array<{ id: number; cardNo: string; nickname: string | null; state: string; joinedAt: string }> };
  maintainingClerk: { id: number; name: string } | null;
  notes: MemberNoteView[];
}

export interface AddMemberNoteRequest {
  body: string;
}
