import type { CountedPage, CheckinRules, EarningRules, EarningRulesRequest, Page, ReferralReview, ReferralRules, Tier, TierPreview, TierPreviewRequest, TierQuery, TierUpsertRequest } from '@huiyuan/shared-types'
import { api } from '../client'

const enc = encodeURIComponent

/** The programme's rules: tiers, earning, check-in and referrals. */
export const programmeApi = {
  tiers: (query: TierQuery) => api.get<CountedPage<Tier>>('/api/v1/staff/tiers', { ...query }),
  saveTier: ({ code, ...body }: TierUpsertRequest) => api.put<Tier>(`/api/v1/staff/tiers/${enc(code)}`, body),
  previewTiers: (body: TierPreviewRequest) => api.post<TierPreview>('/api/v1/staff/tiers/preview', body),
  earningRules: () => api.get<EarningRules>('/api/v1/staff/earning-rules'),
  saveEarningRules: (body: EarningRulesRequest) => api.put<EarningRules>('/api/v1/staff/earning-rules', body),
  checkinRules: () => api.get<CheckinRules>('/api/v1/staff/checkin-rules'),
  saveCheckinRules: (body: CheckinRules) => api.put<CheckinRules>('/api/v1/staff/checkin-rules', body),
  referralRules: () => api.get<ReferralRules>('/api/v1/staff/referral-rules'),
  saveReferralRules: (body: ReferralRules) => api.put<ReferralRules>('/api/v1/staff/referral-rules', body),
  referralReviews: (cursor: string | null) => api.get<Page<ReferralReview>>('/api/v1/staff/referrals/reviews', { cursor }),
  decideReferral: (id: number, decision: 'approve' | 'reject', idempotencyKey: string) =>
    api.post<ReferralReview>(`/api/v1/staff/referrals/${id}/${decision}`, {}, { idempotencyKey }),
}
