import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CouponTemplateQuery, CouponTemplateRequest, RewardRequest } from '@huiyuan/shared-types'
import { couponsApi } from '../endpoints/coupons'
import { queryKeys } from '../query-keys'


export function useSaveReward() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number | null; body: RewardRequest }) => (v.id === null ? couponsApi.createReward(v.body) : couponsApi.updateReward(v.id, v.body)),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rewards }),
  })
}

/** Active templates whose title holds `q`, for a picker (the first 50; typing narrows them on the server). */
export function useCouponTemplateOptions(q: string, owner?: CouponTemplateQuery['owner']) {
  const query: CouponTemplateQuery = { status: 'active', q: q.trim() || undefined, owner, sort: 'newest', limit: 50 }
  return useQuery({ queryKey: queryKeys.couponTemplatePage(query), queryFn: () => couponsApi.templates(query), placeholderData: keepPreviousData })
}

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
