import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SaveCampaignRequest } from '@huiyuan/shared-types'
import { campaignsApi } from '../endpoints/campaigns'
import { queryKeys } from '../query-keys'

export const useCampaigns = () => useQuery({ queryKey: queryKeys.campaigns, queryFn: campaignsApi.list, refetchInterval: 5000 })
export const useCampaign = (id: number | null) => useQuery({ queryKey: queryKeys.campaign(id ?? 0), queryFn: () => campaignsApi.get(id ?? 0), enabled: id !== null })
/** The members' 20005 reports counted towards pausing every campaign (a resume changes them: under ['campaigns']). */
export const useAppBanReports = () => useQuery({ queryKey: queryKeys.appBanReports, queryFn: campaignsApi.appBanReports, refetchInterval: 5000 })
export const useCampaignPlaceholders = () => useQuery({ queryKey: queryKeys.campaignPlaceholders, queryFn: campaignsApi.placeholders, staleTime: Infinity })

/** Who it would reach now: asked for on demand (it walks the whole segment). */
export const useCampaignAudience = (id: number | null, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.campaignAudience(id ?? 0), queryFn: () => campaignsApi.audience(id ?? 0), enabled: id !== null && enabled, retry: false })

/** Live while sending: refreshed every two seconds until the campaign stops. */
export const useCampaignResults = (id: number | null, live: boolean) =>
  useQuery({ queryKey: queryKeys.campaignResults(id ?? 0), queryFn: () => campaignsApi.results(id ?? 0), enabled: id !== null, refetchInterval: live ? 2000 : false })

function useInvalidateCampaigns() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['campaigns'] })
}

export function useSaveCampaign() {
  const changed = useInvalidateCampaigns()
  return useMutation({ mutationFn: ({ id, body }: { id: number | null; body: SaveCampaignRequest }) => (id === null ? campaignsApi.create(body) : campaignsApi.update(id, body)), onSuccess: changed })
}

export function useCampaignAction(id: number) {
  const changed = useInvalidateCampaigns()
  return useMutation({ mutationFn: (action: 'launch' | 'pause' | 'resume' | 'cancel') => campaignsApi.act(id, action), onSuccess: changed })
}

export const useTestSend = (id: number) => useMutation({ mutationFn: () => campaignsApi.testSend(id) })
