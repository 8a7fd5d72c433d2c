import type { AdjustPointsRequest, AdjustPointsResult, Coupon, CountedPage, IssueCouponRequest, LedgerEntry, MemberListItem, MemberListQuery, MemberSummary, Page } from '@huiyuan/shared-types'
import { api } from '../client'

export type LookupQuery = { cardNo: string } | { phone: string } | { code: string }

export const membersApi = {
  list: (query: MemberListQuery) => api.get<CountedPage<MemberListItem>>('/api/v1/staff/members', { ...query }),
  lookup: (query: LookupQuery) => api.get<MemberSummary>('/api/v1/staff/members/lookup', query),
  ledger: (memberId: number, cursor: string | null) => api.get<Page<LedgerEntry>>(`/api/v1/staff/members/${memberId}/points-ledger`, { cursor }),
  adjustPoints: (memberId: number, body: AdjustPointsRequest, idempotencyKey: string) =>
    api.post<AdjustPointsResult>(`/api/v1/staff/members/${memberId}/points-adjustments`, body, { idempotencyKey }),
  issueCoupon: (body: IssueCouponRequest, idempotencyKey: string) => api.post<Coupon>('/api/v1/staff/coupons', body, { idempotencyKey }),
  assignClerk: (memberId: number, clerkId: number) => api.put<MemberSummary>(`/api/v1/staff/members/${memberId}/clerk`, { clerkId }),
  transferClerk: (fromClerkId: number, toClerkId: number, idempotencyKey: string) =>
    api.post<{ moved: number }>('/api/v1/staff/clerk-transfers', { fromClerkId, toClerkId }, { idempotencyKey }),
}
