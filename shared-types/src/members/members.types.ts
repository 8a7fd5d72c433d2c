import type { TierBenefits, TierRef } from '../tiers/tiers.types';

export const Gender = { UNKNOWN: 'unknown', MALE: 'male', FEMALE: 'female' } as const;
export type Gender = (typeof Gender)[keyof typeof Gender];

export const BirthdayCalendar = { SOLAR: 'solar', LUNAR: 'lunar' } as const;
export type BirthdayCalendar = (typeof BirthdayCalendar)[keyof typeof BirthdayCalendar];

/** The current privacy notice; joining with an older version is refused. */
export const PRIVACY_NOTICE_VERSION = '2026-11-01';

export interface NextTier {
  code: string;
  name: string;
  /** Growth value still needed to reach it. */
  growthNeeded: number;
  entryGrowth: number;
}

/** The member card: GET /api/v1/members/me, and the `member` of a login or join. */
export interface MemberCard {
  id: number;
  cardNo: string;
  nickname: string | null;
  tier: TierRef & { benefits: TierBenefits; cardColor: string };
  points: number;
  growth: number;
  nextTier: NextTier | null;
  referralCode: string;
  joinedAt: string;
}

export interface WechatLoginRequest {
  code: string;
}

export interface WechatLoginResponse {
  token: string;
  member: MemberCard | null;
}

export interface JoinRequest {
  scene?: string;
  consentVersion: string;
}

export interface JoinResponse {
  member: MemberCard;
  /** Set when the scene named a store or referrer that was not used, with the reason. */
  attributionNotice: string | null;
  /** A new member token that carries the member id. */
  token: string;
}

export interface MemberCode {
  code: string;
  expiresAt: string;
  /** Milliseconds from the answer to expiry: the phone counts down from this, since its own clock may be off. */
  validForMs: number;
  /** PNG data URLs, so weapp and H5 show them the same way. */
  qrPng: string;
  barcodePng: string;
}

export interface MemberProfile {
  nickname: string | null;
  gender: Gender;
  birthday: { calendar: BirthdayCalendar; month: number; day: number; year: number | null } | null;
  phoneMasked: string | null;
  region: string | null;
  occupation: string | null;
}

export interface UpdateProfileRequest {
  nickname?: string;
  gender?: Gender;
  birthday?: { calendar: BirthdayCalendar; month: number; day: number; year?: number } | null;
  region?: string | null;
  occupation?: string | null;
}

export interface BindPhoneRequest {
  code: string;
}

export interface PrivacyNotice {
  version: string;
  title: string;
  body: string;
}

/** What staff see after a lookup. */
export interface MemberSummary {
  id: number;
  cardNo: string;
  nickname: string | null;
  phoneMasked: string | null;
  tier: TierRef & { discountPercent: number };
  points: number;
  growth: number;
  lastVisitAt: string | null;
  tags: string[];
  joinStore: { code: string; name: string } | null;
  maintainingClerk: { id: number; displayName: string } | null;
}

export interface AssignClerkRequest {
  clerkId: number;
}

export interface TransferMembersRequest {
  fromClerkId: number;
  toClerkId: number;
}

/** Sort orders of the staff member list. */
export const MemberSort = {
  JOINED_DESC: 'joined_desc',
  JOINED_ASC: 'joined_asc',
  POINTS_DESC: 'points_desc',
  POINTS_ASC: 'points_asc',
  LAST_VISIT_DESC: 'last_visit_desc',
} as const;
export type MemberSort = (typeof MemberSort)[keyof typeof MemberSort];

/** GET /api/v1/staff/members: `q` is a card number, a phone number or part of a nickname. */
export interface MemberListQuery {
  q?: string;
  tierCode?: string;
  /** The join store, or a region (its stores). */
  storeCode?: string;
  clerkId?: number;
  sort?: MemberSort;
  cursor?: string;
  limit?: number;
}

export interface MemberListItem extends MemberSummary {
  joinedAt: string;
}
