import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CheckinRules, CouponTemplateRequest, EarningRulesRequest, RewardRequest, TierPreviewRequest, TierUpsertRequest } from '@huiyuan/shared-types'
import { pngDataUrl } from '../../lib/base64'
import { staffApi } from '../endpoints/staff'
import { queryKeys } from '../query-keys'
import { useIdempotentMutation } from './use-idempotent-mutation'

const keys = queryKeys.staff

export function useStaffStores() {
  return useQuery({ queryKey: keys.stores, queryFn: staffApi.stores })
}

/** The store's join poster as a data URL: the image needs the staff token, so an <Image src=url> cannot load it. */
export function useStorePoster(storeCode: string | null) {
  return useQuery({
    queryKey: keys.poster(storeCode ?? ''),
    queryFn: async () => pngDataUrl(await staffApi.storePoster(storeCode ?? '')),
    enabled: !!storeCode,
    staleTime: 10 * 60_000,
  })
}

export function useVerifications(storeCode: string | null, date: string) {
  return useInfiniteQuery({
    queryKey: keys.verifications(storeCode ?? '', date),
    queryFn: ({ pageParam }) => staffApi.verifications(storeCode ?? '', date, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!storeCode,
  })
}

export function useCouponSettings(enabled: boolean) {
  return useQuery({ queryKey: keys.couponSettings, queryFn: staffApi.couponSettings, enabled })
}

export function useUndoVerification() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { id: number }, key) => staffApi.undoVerification(v.id, key), {
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff', 'verifications'] }),
  })
}

export function useStaffTiers() {
  return useQuery({ queryKey: keys.tiers, queryFn: staffApi.tiers })
}

export function useSaveTier() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: TierUpsertRequest) => staffApi.saveTier(body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tiers }),
  })
}

export function useTierPreview() {
  return useMutation({ mutationFn: (body: TierPreviewRequest) => staffApi.previewTiers(body) })
}

export function useStaffRewards() {
  return useQuery({ queryKey: keys.rewards, queryFn: staffApi.rewards })
}

export function useSaveReward() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number | null; body: RewardRequest }) => (v.id === null ? staffApi.createReward(v.body) : staffApi.updateReward(v.id, v.body)),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.rewards }), client.invalidateQueries({ queryKey: queryKeys.rewards })]),
  })
}

export function useCouponTemplates() {
  return useQuery({ queryKey: keys.couponTemplates, queryFn: staffApi.couponTemplates })
}

export function useCreateCouponTemplate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CouponTemplateRequest) => staffApi.createCouponTemplate(body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.couponTemplates }),
  })
}

export function useEarningRules() {
  return useQuery({ queryKey: keys.earningRules, queryFn: staffApi.earningRules })
}

export function useSaveEarningRules() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: EarningRulesRequest) => staffApi.saveEarningRules(body),
    onSuccess: (saved) => client.setQueryData(keys.earningRules, saved),
  })
}

export function useCheckinRules() {
  return useQuery({ queryKey: keys.checkinRules, queryFn: staffApi.checkinRules })
}

export function useSaveCheckinRules() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CheckinRules) => staffApi.saveCheckinRules(body),
    onSuccess: (saved) => client.setQueryData(keys.checkinRules, saved),
  })
}

export function useReferralReviews() {
  return useInfiniteQuery({
    queryKey: keys.referralReviews,
    queryFn: ({ pageParam }) => staffApi.referralReviews(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useDecideReferral() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { id: number; decision: 'approve' | 'reject' }, key) => staffApi.decideReferral(v.id, v.decision, key), {
    onSuccess: () => client.invalidateQueries({ queryKey: keys.referralReviews }),
  })
}
