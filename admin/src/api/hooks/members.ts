import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AdjustPointsRequest, IssueCouponRequest } from '@huiyuan/shared-types'
import { membersApi } from '../endpoints/members'
import { queryKeys } from '../query-keys'

export const useMember = (cardNo: string) => useQuery({ queryKey: queryKeys.member(cardNo), queryFn: () => membersApi.lookup({ cardNo }), enabled: cardNo !== '' })

export function useMemberLedger(memberId: number | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.memberLedger(memberId ?? 0),
    queryFn: ({ pageParam }) => membersApi.ledger(memberId ?? 0, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: memberId !== null,
  })
}

function useMemberChanged() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['members'] })
}

export function useAdjustPoints() {
  const changed = useMemberChanged()
  return useMutation({ mutationFn: (v: { memberId: number; body: AdjustPointsRequest; key: string }) => membersApi.adjustPoints(v.memberId, v.body, v.key), onSuccess: changed })
}

export function useIssueCoupon() {
  const changed = useMemberChanged()
  return useMutation({ mutationFn: (v: { body: IssueCouponRequest; key: string }) => membersApi.issueCoupon(v.body, v.key), onSuccess: changed })
}

export function useAssignClerk() {
  const changed = useMemberChanged()
  return useMutation({ mutationFn: (v: { memberId: number; clerkId: number }) => membersApi.assignClerk(v.memberId, v.clerkId), onSuccess: changed })
}

export function useTransferClerk() {
  const changed = useMemberChanged()
  return useMutation({ mutationFn: (v: { fromClerkId: number; toClerkId: number; key: string }) => membersApi.transferClerk(v.fromClerkId, v.toClerkId, v.key), onSuccess: changed })
}
