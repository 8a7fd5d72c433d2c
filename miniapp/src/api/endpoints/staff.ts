import type {
  CouponVerification,
  MemberSummary,
  PurchaseRequest,
  PurchaseResult,
  RefundResult,
  StaffLoginRequest,
  StaffSession,
} from '@huiyuan/shared-types'
import { api } from '../client'

export type { CouponVerification, MemberSummary, PurchaseRequest, PurchaseResult, RefundResult }

export type LookupQuery = { code: string } | { cardNo: string } | { phone: string }

export const staffApi = {
  login: (body: StaffLoginRequest) => api.post<StaffSession>('/api/v1/staff/sessions', body, { auth: 'none' }),
  lookup: (query: LookupQuery) => api.get<MemberSummary>('/api/v1/staff/members/lookup', query, 'staff'),
  purchase: (body: PurchaseRequest, idempotencyKey: string) =>
    api.post<PurchaseResult>('/api/v1/staff/purchases', body, { auth: 'staff', idempotencyKey }),
  refund: (purchaseId: string, amountCents: number, idempotencyKey: string) =>
    api.post<RefundResult>(`/api/v1/staff/purchases/${encodeURIComponent(purchaseId)}/refunds`, { amountCents }, { auth: 'staff', idempotencyKey }),
  verifyCoupon: (code: string, idempotencyKey: string) =>
    api.post<CouponVerification>('/api/v1/staff/coupon-verifications', { code }, { auth: 'staff', idempotencyKey }),
}
