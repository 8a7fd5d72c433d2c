import type {
  CareTaskView,
  CompleteCareTaskRequest,
  CouponSettings,
  CouponVerification,
  CouponVerificationPreview,
  Member360,
  MemberSummary,
  Page,
  PurchaseRequest,
  PurchaseResult,
  RefundResult,
  StaffLoginRequest,
  StaffSession,
  StaffWechatBinding,
  Store,
} from '@huiyuan/shared-types'
import { api } from '../client'

export type { StaffWechatBinding, CouponVerification, CouponVerificationPreview, Member360, MemberSummary, PurchaseRequest, PurchaseResult, RefundResult }

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
  member360: (memberId: number) => api.get<Member360>(`/api/v1/staff/members/${memberId}/360`, undefined, 'staff'),
  purchase: (body: PurchaseRequest, idempotencyKey: string) =>
    api.post<PurchaseResult>('/api/v1/staff/purchases', body, { auth: 'staff', idempotencyKey }),
  refund: (purchaseId: string, amountCents: number, idempotencyKey: string) =>
    api.post<RefundResult>(`/api/v1/staff/purchases/${enc(purchaseId)}/refunds`, { amountCents }, { auth: 'staff', idempotencyKey }),
  previewCoupon: (code: string) => api.get<CouponVerificationPreview>(`/api/v1/staff/coupons/${enc(code)}`, undefined, 'staff'),
  payWithPoints: (body: PointsPaymentRequest, idempotencyKey: string) =>
    api.post<PointsPaymentResult>('/api/v1/staff/points-payments', body, { auth: 'staff', idempotencyKey }),
  verifyCoupon: (code: string, idempotencyKey: string) =>
    api.post<CouponVerification>('/api/v1/staff/coupon-verifications', { code }, { auth: 'staff', idempotencyKey }),

  stores: () => api.get<Store[]>('/api/v1/staff/stores', undefined, 'staff'),
  storePoster: (code: string) => api.bytes(`/api/v1/staff/stores/${enc(code)}/poster.png`, 'staff'),
  storePosterPath: (code: string) => `/api/v1/staff/stores/${enc(code)}/poster.png`,

  verifications: (storeCode: string, date: string, cursor: string | null) =>
    api.get<Page<CouponVerification>>('/api/v1/staff/coupon-verifications', { storeCode, date, cursor }, 'staff'),
  undoVerification: (id: number, idempotencyKey: string) =>
    api.post<CouponVerification>(`/api/v1/staff/coupon-verifications/${id}/undo`, {}, { auth: 'staff', idempotencyKey }),
  couponSettings: () => api.get<CouponSettings>('/api/v1/staff/coupon-settings', undefined, 'staff'),
  /** The staff member's own WeChat, where HQ's campaign test sends go. */
  wechat: () => api.get<StaffWechatBinding>('/api/v1/staff/me/wechat', undefined, 'staff'),
  bindWechat: (code: string) => api.post<StaffWechatBinding>('/api/v1/staff/me/wechat', { code }, { auth: 'staff' }),
  unbindWechat: () => api.delete<StaffWechatBinding>('/api/v1/staff/me/wechat', { auth: 'staff' }),
  careTasks: () => api.get<CareTaskView[]>('/api/v1/staff/care-tasks/mine', undefined, 'staff'),
  completeCareTask: (id: number, body: CompleteCareTaskRequest, idempotencyKey: string) =>
    api.post<CareTaskView>(`/api/v1/staff/care-tasks/${id}/outcome`, body, { auth: 'staff', idempotencyKey }),
}
