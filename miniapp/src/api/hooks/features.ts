import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { checkinApi } from '../endpoints/checkin'
import { couponsApi, type CouponStatus } from '../endpoints/coupons'
import { pointsApi } from '../endpoints/points'
import { referralsApi } from '../endpoints/referrals'
import { rewardsApi } from '../endpoints/rewards'
import { queryKeys } from '../query-keys'
import { useIdempotentMutation } from './use-idempotent-mutation'

export function useCheckinCalendar(month: string | null) {
  return useQuery({ queryKey: queryKeys.checkinMonth(month), queryFn: () => checkinApi.calendar(month) })
}

export function useCheckIn() {
  const client = useQueryClient()
  return useIdempotentMutation((_: { date: string }, key) => checkinApi.checkIn(key), {
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['checkins'] }),
        client.invalidateQueries({ queryKey: queryKeys.me }),
        client.invalidateQueries({ queryKey: queryKeys.ledger }),
      ]),
  })
}

export function useMakeupCheckin() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { date: string }, key) => checkinApi.makeup(v.date, key), {
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['checkins'] }),
        client.invalidateQueries({ queryKey: queryKeys.me }),
        client.invalidateQueries({ queryKey: queryKeys.ledger }),
      ]),
  })
}

export function useLedger() {
  return useInfiniteQuery({
    queryKey: queryKeys.ledger,
    queryFn: ({ pageParam }) => pointsApi.ledger(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useExpiringPoints() {
  return useQuery({ queryKey: queryKeys.expiring, queryFn: pointsApi.expiring })
}

export function useRewards() {
  return useInfiniteQuery({
    queryKey: queryKeys.rewards,
    queryFn: ({ pageParam }) => rewardsApi.list(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useReward(id: string) {
  return useQuery({ queryKey: queryKeys.reward(id), queryFn: () => rewardsApi.detail(id), enabled: id !== '' })
}

export function useRedeem(rewardId: string) {
  const client = useQueryClient()
  return useIdempotentMutation((_: { rewardId: string }, key) => rewardsApi.redeem(rewardId, key), {
    // A refusal means the page's balance or stock was out of date: show what the server holds now.
    onError: () =>
      Promise.all([client.invalidateQueries({ queryKey: queryKeys.me }), client.invalidateQueries({ queryKey: queryKeys.reward(rewardId) })]),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.me }),
        client.invalidateQueries({ queryKey: queryKeys.rewards }),
        client.invalidateQueries({ queryKey: ['coupons'] }),
        client.invalidateQueries({ queryKey: queryKeys.ledger }),
      ]),
  })
}

export function useCoupons(status: CouponStatus) {
  return useInfiniteQuery({
    queryKey: queryKeys.coupons(status),
    queryFn: ({ pageParam }) => couponsApi.list(status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useCoupon(id: string) {
  return useQuery({ queryKey: queryKeys.coupon(id), queryFn: () => couponsApi.detail(id), enabled: id !== '' })
}

export function useReferral() {
  return useQuery({ queryKey: queryKeys.referral, queryFn: referralsApi.mine })
}
