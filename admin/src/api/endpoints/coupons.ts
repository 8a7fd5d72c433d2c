import type { CountedPage, CouponSettings, CouponSettlementReport, CouponTemplate, CouponTemplateQuery, CouponTemplateRequest, CouponVerification, RewardImageUpload, RewardRequest, StaffReward, StaffRewardQuery } from '@huiyuan/shared-types'
import { api } from '../client'

/** The points mall, coupon templates, verifications and their settlement. */
export const couponsApi = {
  rewards: (query: StaffRewardQuery) => api.get<CountedPage<StaffReward>>('/api/v1/staff/rewards', { ...query }),
  createReward: (body: RewardRequest) => api.post<StaffReward>('/api/v1/staff/rewards', body),
  updateReward: (id: number, body: RewardRequest) => api.put<StaffReward>(`/api/v1/staff/rewards/${id}`, body),
  /** base64: the JSON API takes the file as a string. */
  uploadRewardImage: (data: string) => api.post<RewardImageUpload>('/api/v1/staff/rewards/images', { data }),
  templates: (query: CouponTemplateQuery) => api.get<CountedPage<CouponTemplate>>('/api/v1/staff/coupon-templates', { ...query }),
  createTemplate: (body: CouponTemplateRequest) => api.post<CouponTemplate>('/api/v1/staff/coupon-templates', body),
  updateTemplate: (id: number, body: CouponTemplateRequest) => api.put<CouponTemplate>(`/api/v1/staff/coupon-templates/${id}`, body),
  settings: () => api.get<CouponSettings>('/api/v1/staff/coupon-settings'),
  verifications: (storeCode: string, date: string | null, cursor: string | null) =>
    api.get<CountedPage<CouponVerification>>('/api/v1/staff/coupon-verifications', { storeCode, date, cursor }),
  undoVerification: (id: number, idempotencyKey: string) => api.post<CouponVerification>(`/api/v1/staff/coupon-verifications/${id}/undo`, {}, { idempotencyKey }),
  settlement: (from: string, to: string) => api.get<CouponSettlementReport>('/api/v1/staff/reports/coupon-settlement', { from, to }),
}
