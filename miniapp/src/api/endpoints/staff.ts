import type {
  AdjustPointsRequest,
  AdjustPointsResult,
  CheckinRules,
  CouponSettings,
  CouponTemplate,
  CouponTemplateRequest,
  CouponVerification,
  CouponVerificationPreview,
  EarningRules,
  EarningRulesRequest,
  LedgerEntry,
  MemberSummary,
  Page,
  PurchaseRequest,
  PurchaseResult,
  ReferralReview,
  RefundResult,
  RewardRequest,
  StaffLoginRequest,
  StaffReward,
  StaffSession,
  Store,
  Tier,
  TierPreview,
  TierPreviewRequest,
  TierUpsertRequest,
} from '@huiyuan/shared-types'
import { api } from '../client'

export type { CouponVerification, CouponVerificationPreview, MemberSummary, PurchaseRequest, PurchaseResult, RefundResult }

/** Spending takes the member's live code (as a payment code does), never the printed card number. */
export interface PointsPaymentRequest {
  memberCode: string
  points: number
  orderNo: string
}

/** POST /staff/points-payments (the server's pay-with-points use case). */
export interface PointsPaymentResult {
  id: number
  points: number
  balance: number
  duplicate: boolean
}

export type LookupQuery = { code: string } | { cardNo: string } | { phone: string }

const enc = encodeURIComponent

export const staffApi = {
  login: (body: StaffLoginRequest) => api.post<StaffSession>('/api/v1/staff/sessions', body, { auth: 'none' }),
  lookup: (query: LookupQuery) => api.get<MemberSummary>('/api/v1/staff/members/lookup', query, 'staff'),
  purchase: (body: PurchaseRequest, idempotencyKey: string) =>
    api.post<PurchaseResult>('/api/v1/staff/purchases', body, { auth: 'staff', idempotencyKey }),
  refund: (purchaseId: string, amountCents: number, idempotencyKey: string) =>
    api.post<RefundResult>(`/api/v1/staff/purchases/${enc(purchaseId)}/refunds`, { amountCents }, { auth: 'staff', idempotencyKey }),
  previewCoupon: (code: string) => api.get<CouponVerificationPreview>(`/api/v1/staff/coupons/${enc(code)}`, undefined, 'staff'),
  payWithPoints: (body: PointsPaymentRequest, idempotencyKey: string) =>
    api.post<PointsPaymentResult>('/api/v1/staff/points-payments', body, { auth: 'staff', idempotencyKey }),
  verifyCoupon: (code: string, idempotencyKey: string) =>
    api.post<CouponVerification>('/api/v1/staff/coupon-verifications', { code }, { auth: 'staff', idempotencyKey }),
  memberLedger: (memberId: number, cursor: string | null) =>
    api.get<Page<LedgerEntry>>(`/api/v1/staff/members/${memberId}/points-ledger`, { cursor }, 'staff'),
  adjustPoints: (memberId: number, body: AdjustPointsRequest, idempotencyKey: string) =>
    api.post<AdjustPointsResult>(`/api/v1/staff/members/${memberId}/points-adjustments`, body, { auth: 'staff', idempotencyKey }),

  stores: () => api.get<Store[]>('/api/v1/staff/stores', undefined, 'staff'),
  storePoster: (code: string) => api.bytes(`/api/v1/staff/stores/${enc(code)}/poster.png`, 'staff'),
  storePosterPath: (code: string) => `/api/v1/staff/stores/${enc(code)}/poster.png`,

  verifications: (storeCode: string, date: string, cursor: string | null) =>
    api.get<Page<CouponVerification>>('/api/v1/staff/coupon-verifications', { storeCode, date, cursor }, 'staff'),
  undoVerification: (id: number, idempotencyKey: string) =>
    api.post<CouponVerification>(`/api/v1/staff/coupon-verifications/${id}/undo`, {}, { auth: 'staff', idempotencyKey }),
  couponSettings: () => api.get<CouponSettings>('/api/v1/staff/coupon-settings', undefined, 'staff'),

  tiers: () => api.get<Tier[]>('/api/v1/staff/tiers', undefined, 'staff'),
  saveTier: ({ code, ...body }: TierUpsertRequest) => api.put<Tier>(`/api/v1/staff/tiers/${enc(code)}`, body, { auth: 'staff' }),
  previewTiers: (body: TierPreviewRequest) => api.post<TierPreview>('/api/v1/staff/tiers/preview', body, { auth: 'staff' }),

  rewards: () => api.get<StaffReward[]>('/api/v1/staff/rewards', undefined, 'staff'),
  createReward: (body: RewardRequest) => api.post<StaffReward>('/api/v1/staff/rewards', body, { auth: 'staff' }),
  updateReward: (id: number, body: RewardRequest) => api.put<StaffReward>(`/api/v1/staff/rewards/${id}`, body, { auth: 'staff' }),
  couponTemplates: () => api.get<CouponTemplate[]>('/api/v1/staff/coupon-templates', undefined, 'staff'),
  createCouponTemplate: (body: CouponTemplateRequest) => api.post<CouponTemplate>('/api/v1/staff/coupon-templates', body, { auth: 'staff' }),

  earningRules: () => api.get<EarningRules>('/api/v1/staff/earning-rules', undefined, 'staff'),
  saveEarningRules: (body: EarningRulesRequest) => api.put<EarningRules>('/api/v1/staff/earning-rules', body, { auth: 'staff' }),

  checkinRules: () => api.get<CheckinRules>('/api/v1/staff/checkin-rules', undefined, 'staff'),
  saveCheckinRules: (body: CheckinRules) => api.put<CheckinRules>('/api/v1/staff/checkin-rules', body, { auth: 'staff' }),

  referralReviews: (cursor: string | null) => api.get<Page<ReferralReview>>('/api/v1/staff/referrals/reviews', { cursor }, 'staff'),
  decideReferral: (id: number, decision: 'approve' | 'reject', idempotencyKey: string) =>
    api.post<ReferralReview>(`/api/v1/staff/referrals/${id}/${decision}`, {}, { auth: 'staff', idempotencyKey }),
}
