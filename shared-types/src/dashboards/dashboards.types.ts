/**
 * The console's 数据看板. Every panel answers for a range of business days (from–to, inclusive) and
 * the stores the staff member sees, or one store or region of them (storeCode). Flows (joins, points,
 * check-ins, coupons, referrals) come from daily rollups; states (totals, tiers, liability, lifecycle,
 * RFM) from the latest snapshot. Both are written by the dashboards-rollup job: `asOf` says when.
 */
import type { CampaignAttribution } from '../campaigns/campaigns.types';

export interface DashboardQuery {
  from: string;
  to: string;
  storeCode?: string;
}

/** A store a figure is attributed to; null when it has none (a member who joined with no store scene). */
export interface DashboardStoreRef {
  id: number | null;
  code: string;
  name: string;
}

export interface DashboardStatus {
  /** When the rollups and the snapshot were last written; null before the first run. */
  asOf: string | null;
  durationMs: number | null;
  /** Days up to this one are final; later days are recounted on every run. */
  frozenThrough: string | null;
}

export interface MembersDashboard {
  asOf: string | null;
  /** Members now (accounts not deleted). */
  total: number;
  joinedInRange: number;
  /** A purchase or a check-in within the active window (30 days by default); dormant and lost as the rule tags say. */
  active: number;
  dormant: number;
  lost: number;
  byTier: Array<{ tierCode: string; tierName: string; count: number }>;
  byStore: Array<{ store: DashboardStoreRef; count: number }>;
  /** Per day: joins, and everyone who had joined by the end of that day (deleted accounts included: they did join). */
  daily: Array<{ day: string; joined: number; cumulative: number }>;
}

export interface PointsDashboard {
  asOf: string | null;
  /** Earned (purchases, check-ins, referrals, welcome, campaigns) plus positive adjustments. */
  issued: number;
  /** Spent in the mall or at the till, net of spends reversed. */
  spent: number;
  expired: number;
  /** Refund claw-backs and negative adjustments. */
  clawedBack: number;
  /** Points members hold now, not yet spent or expired. */
  liability: number;
  /** The liability at the programme's cost per point. */
  liabilityValueCents: number;
  costPer100PointsCents: number;
  daily: Array<{ day: string; issued: number; spent: number; expired: number; clawedBack: number }>;
  /** Flows by the store where they happened (or, for check-ins, the mall and expiry, the member's join store); liability by join store. */
  byStore: Array<{ store: DashboardStoreRef; issued: number; spent: number; expired: number; clawedBack: number; liability: number }>;
}

export const STREAK_BUCKETS = ['1', '2-3', '4-7', '8-14', '15-30', '31+'] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

export interface CheckinsDashboard {
  asOf: string | null;
  total: number;
  makeups: number;
  daily: Array<{ day: string; checkins: number; makeups: number }>;
  /** Check-ins in the range by their place in a streak: how many were a streak's first day, its 2nd–3rd… */
  streaks: Array<{ bucket: StreakBucket; count: number }>;
}

export interface CouponsDashboard {
  asOf: string | null;
  issued: number;
  /** Issued by a points-mall redemption (part of issued). */
  redeemedInMall: number;
  verified: number;
  expired: number;
  /** Verified at a store other than the one that issued the coupon. */
  crossStore: number;
  daily: Array<{ day: string; issued: number; verified: number; expired: number }>;
  /** Per template: verified ÷ issued within the range (null when none were issued). */
  templates: Array<{ templateId: number; title: string; issued: number; verified: number; expired: number; verificationRate: number | null }>;
  crossStorePairs: Array<{ issuedStore: DashboardStoreRef; usedStore: DashboardStoreRef; count: number }>;
}

export interface ReferralsDashboard {
  asOf: string | null;
  /** Referees who joined through an invitation. */
  invited: number;
  /** Referrals that reached the qualifying event. */
  qualified: number;
  /** Rewards paid (at once, or after review). */
  rewarded: number;
  /** Held for review (same person, over a cap), by the day they qualified. */
  flagged: number;
  daily: Array<{ day: string; invited: number; qualified: number; rewarded: number; flagged: number }>;
}

export interface RfmDashboard {
  asOf: string | null;
  groups: Array<{ key: string; name: string; members: number; spend365dCents: number; averageSpendCents: number }>;
}

/**
 * One campaign's funnel, counted live from its deliveries for the members who joined in the stores
 * the staff member sees (or picked): every member of its audience has a delivery row, so each step is
 * a subset of the one before.
 */
export interface CampaignFunnel {
  campaignId: number;
  name: string;
  status: string;
  startedAt: string | null;
  /** Members of the segment when it was sent. */
  audience: number;
  /** Less those without an openid, without an accept left, over the weekly cap, or held out. */
  reachable: number;
  sent: number;
  /** Recipients who opened the landing page. */
  opened: number;
  /** Coupons the campaign gave that were verified in store. */
  couponsVerified: number;
  /** Recipients who bought within the attribution window (from the first send). */
  purchasers: number;
  attribution: CampaignAttribution | null;
}

export interface CampaignsDashboard {
  /** Counted when asked, not from the rollup. */
  asOf: string;
  /** Campaigns started within the range (business days), newest first; drafts and scheduled ones have nothing to show. */
  campaigns: CampaignFunnel[];
}
