import { useSyncExternalStore } from 'react'
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { MemberSummary, StaffProfile } from '@huiyuan/shared-types'
import { authStore } from '../auth'
import { obtainWechatCode } from '../client'
import { staffApi, type StaffWechatBinding, type LookupQuery, type PointsPaymentRequest, type PurchaseRequest } from '../endpoints/staff'
import { queryKeys } from '../query-keys'
import { useIdempotentMutation } from './use-idempotent-mutation'

const keys = queryKeys.staff

function readProfile(): StaffProfile | null {
  const json = authStore.staffProfileJson()
  if (!json || !authStore.staffToken()) return null
  try {
    return JSON.parse(json) as StaffProfile
  } catch {
    return null
  }
}

let cachedJson: string | null = null
let cachedProfile: StaffProfile | null = null
function snapshot(): StaffProfile | null {
  const json = authStore.staffToken() ? authStore.staffProfileJson() : null
  if (json !== cachedJson) {
    cachedJson = json
    cachedProfile = readProfile()
  }
  return cachedProfile
}

/** The signed-in staff member (from storage), re-rendering on sign-in/out. */
export function useStaffSession(): StaffProfile | null {
  return useSyncExternalStore(authStore.subscribe, snapshot, snapshot)
}

export function signOutStaff(): void {
  authStore.setStaffToken(null)
  authStore.setStaffProfileJson(null)
}

export function useStaffLogin() {
  return useMutation({
    mutationFn: staffApi.login,
    onSuccess: (session) => {
      authStore.setStaffToken(session.token)
      authStore.setStaffProfileJson(JSON.stringify(session.staff))
    },
  })
}

/** The member's recent history at the counter (the staff 360): refetched after a sale here changes it. */
export function useMember360(memberId: number | null) {
  return useQuery({ queryKey: keys.member360(memberId ?? 0), queryFn: () => staffApi.member360(memberId as number), enabled: memberId !== null })
}

/** The console and the member's own staff pages (调整积分) share one cached copy of a looked-up member. */
export function useLookup() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (query: LookupQuery) => staffApi.lookup(query),
    onSuccess: (member) => client.setQueryData(keys.member(member.cardNo), member),
  })
}

export function useStaffMember(cardNo: string) {
  return useQuery({ queryKey: keys.member(cardNo), queryFn: () => staffApi.lookup({ cardNo }), enabled: cardNo !== '' })
}

function setBalance(client: QueryClient, cardNo: string, balance: number): void {
  client.setQueryData<MemberSummary>(keys.member(cardNo), (m) => (m ? { ...m, points: balance } : m))
  // The sale is now the member's last visit and most recent purchase: both are read again.
  void client.invalidateQueries({ queryKey: keys.member(cardNo) })
  void client.invalidateQueries({ queryKey: ['staff', 'member-360'] })
}

export function usePurchase() {
  const client = useQueryClient()
  return useIdempotentMutation((body: PurchaseRequest, key) => staffApi.purchase(body, key), {
    onSuccess: (result, body) => {
      if (body.cardNo) setBalance(client, body.cardNo, result.balance)
    },
  })
}

export function useRefund() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { purchaseId: string; amountCents: number }, key) => staffApi.refund(v.purchaseId, v.amountCents, key), {
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff', 'member-360'] }),
  })
}

export function usePayWithPoints() {
  const client = useQueryClient()
  return useIdempotentMutation((body: PointsPaymentRequest & { cardNo: string }, key) => staffApi.payWithPoints({ memberCode: body.memberCode, points: body.points, orderNo: body.orderNo }, key), {
    onSuccess: (result, body) => setBalance(client, body.cardNo, result.balance),
  })
}

export function useCouponPreview() {
  return useMutation({ mutationFn: (code: string) => staffApi.previewCoupon(code) })
}

export function useVerifyCoupon() {
  return useIdempotentMutation((v: { code: string }, key) => staffApi.verifyCoupon(v.code, key))
}

/** The staff member's own WeChat (where HQ's campaign test sends go): whether bound, and the templates to accept. */
export function useStaffWechat(staffId: number) {
  return useQuery({ queryKey: keys.wechat(staffId), queryFn: () => staffApi.wechat() })
}

/** Binds the WeChat this mini-program runs in (a fresh wx.login code), or unbinds it. */
export function useStaffWechatBinding(staffId: number) {
  const client = useQueryClient()
  const settle = (binding: StaffWechatBinding) => client.setQueryData(keys.wechat(staffId), binding)
  const bind = useMutation({ mutationFn: async () => staffApi.bindWechat(await obtainWechatCode()), onSuccess: settle })
  const unbind = useMutation({ mutationFn: () => staffApi.unbindWechat(), onSuccess: settle })
  return { bind, unbind }
}
