import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CouponTemplateRequest, RewardRequest } from '@huiyuan/shared-types'
import { couponsApi } from '../endpoints/coupons'
import { queryKeys } from '../query-keys'

export const useRewards = () => useQuery({ queryKey: queryKeys.rewards, queryFn: couponsApi.rewards })

export function useSaveReward() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number | null; body: RewardRequest }) => (v.id === null ? couponsApi.createReward(v.body) : couponsApi.updateReward(v.id, v.body)),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rewards }),
  })
}

export const useCouponTemplates = (enabled = true) => useQuery({ queryKey: queryKeys.couponTemplates, queryFn: couponsApi.templates, enabled })

export function useSaveCouponTemplate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number | null; body: CouponTemplateRequest }) => (v.id === null ? couponsApi.createTemplate(v.body) : couponsApi.updateTemplate(v.id, v.body)),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.couponTemplates }),
  })
}

export const useCouponSettings = () => useQuery({ queryKey: queryKeys.couponSettings, queryFn: couponsApi.settings })

/** date null: the server's business day today. */
export function useVerifications(storeCode: string | null, date: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.verifications(storeCode ?? '', date ?? 'today'),
    queryFn: ({ pageParam }) => couponsApi.verifications(storeCode ?? '', date, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!storeCode,
  })
}

export function useUndoVerification() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number; key: string }) => couponsApi.undoVerification(v.id, v.key),
    onSuccess: () => client.invalidateQueries({ queryKey: ['verifications'] }),
  })
}

export const useSettlement = (from: string, to: string) => useQuery({ queryKey: queryKeys.settlement(from, to), queryFn: () => couponsApi.settlement(from, to) })
