import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CheckinRules, EarningRulesRequest, ReferralRules, TierPreviewRequest, TierUpsertRequest } from '@huiyuan/shared-types'
import { programmeApi } from '../endpoints/programme'
import { queryKeys } from '../query-keys'

/** Every tier, in rank order (a programme has at most 20), for filters and pickers. */
export const useTiers = () => useQuery({ queryKey: queryKeys.tiers, queryFn: async () => (await programmeApi.tiers({ sort: 'rank_asc', limit: 100 })).items })

export function useSaveTier() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: TierUpsertRequest) => programmeApi.saveTier(body), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tiers }) })
}

export const useTierPreview = () => useMutation({ mutationFn: (body: TierPreviewRequest) => programmeApi.previewTiers(body) })

export const useEarningRules = () => useQuery({ queryKey: queryKeys.earningRules, queryFn: programmeApi.earningRules })

export function useSaveEarningRules() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: EarningRulesRequest) => programmeApi.saveEarningRules(body), onSuccess: (saved) => client.setQueryData(queryKeys.earningRules, saved) })
}

export const useCheckinRules = () => useQuery({ queryKey: queryKeys.checkinRules, queryFn: programmeApi.checkinRules })

export function useSaveCheckinRules() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: CheckinRules) => programmeApi.saveCheckinRules(body), onSuccess: (saved) => client.setQueryData(queryKeys.checkinRules, saved) })
}

export const useReferralRules = () => useQuery({ queryKey: queryKeys.referralRules, queryFn: programmeApi.referralRules })

export function useSaveReferralRules() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: ReferralRules) => programmeApi.saveReferralRules(body), onSuccess: (saved) => client.setQueryData(queryKeys.referralRules, saved) })
}

export function useReferralReviews() {
  return useInfiniteQuery({
    queryKey: queryKeys.referralReviews,
    queryFn: ({ pageParam }) => programmeApi.referralReviews(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useDecideReferral() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number; decision: 'approve' | 'reject'; key: string }) => programmeApi.decideReferral(v.id, v.decision, v.key),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.referralReviews }),
  })
}
