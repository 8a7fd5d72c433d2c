import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DashboardQuery } from '@huiyuan/shared-types'
import { dashboardsApi } from '../endpoints/dashboards'
import { queryKeys } from '../query-keys'

export const useMembersDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('members', q), queryFn: () => dashboardsApi.members(q) })
export const usePointsDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('points', q), queryFn: () => dashboardsApi.points(q) })
export const useCheckinsDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('checkins', q), queryFn: () => dashboardsApi.checkins(q) })
export const useCouponsDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('coupons', q), queryFn: () => dashboardsApi.coupons(q) })
export const useReferralsDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('referrals', q), queryFn: () => dashboardsApi.referrals(q) })
export const useCampaignsDashboard = (q: DashboardQuery) => useQuery({ queryKey: queryKeys.dashboard('campaigns', q), queryFn: () => dashboardsApi.campaigns(q) })
export const useRfmDashboard = (storeCode: string | undefined) => useQuery({ queryKey: queryKeys.dashboard('rfm', { storeCode }), queryFn: () => dashboardsApi.rfm(storeCode) })
export const useDashboardStatus = () => useQuery({ queryKey: queryKeys.dashboardStatus, queryFn: dashboardsApi.status })

/** HQ recounts now; every panel reloads. */
export function useRefreshDashboards() {
  const client = useQueryClient()
  return useMutation({ mutationFn: dashboardsApi.refresh, onSuccess: () => client.invalidateQueries({ queryKey: ['dashboards'] }) })
}
