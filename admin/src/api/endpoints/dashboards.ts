import type { CampaignsDashboard, CheckinsDashboard, CouponsDashboard, DashboardQuery, DashboardStatus, MembersDashboard, PointsDashboard, ReferralsDashboard, RfmDashboard } from '@huiyuan/shared-types'
import { api } from '../client'

const base = '/api/v1/staff/dashboards'
const range = (q: DashboardQuery) => ({ from: q.from, to: q.to, storeCode: q.storeCode })

/** 数据看板: one call per panel. */
export const dashboardsApi = {
  status: () => api.get<DashboardStatus>(`${base}/status`),
  refresh: () => api.post<DashboardStatus | null>(`${base}/refresh`, {}),
  members: (q: DashboardQuery) => api.get<MembersDashboard>(`${base}/members`, range(q)),
  points: (q: DashboardQuery) => api.get<PointsDashboard>(`${base}/points`, range(q)),
  checkins: (q: DashboardQuery) => api.get<CheckinsDashboard>(`${base}/checkins`, range(q)),
  coupons: (q: DashboardQuery) => api.get<CouponsDashboard>(`${base}/coupons`, range(q)),
  referrals: (q: DashboardQuery) => api.get<ReferralsDashboard>(`${base}/referrals`, range(q)),
  campaigns: (q: DashboardQuery) => api.get<CampaignsDashboard>(`${base}/campaigns`, range(q)),
  rfm: (storeCode: string | undefined) => api.get<RfmDashboard>(`${base}/rfm`, { storeCode }),
}
