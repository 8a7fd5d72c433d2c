import { useSyncExternalStore } from 'react'
import { useMutation } from '@tanstack/react-query'
import type { StaffProfile } from '@huiyuan/shared-types'
import { authStore } from '../auth'
import { staffApi, type LookupQuery, type PurchaseRequest } from '../endpoints/staff'
import { useIdempotentMutation } from './use-idempotent-mutation'

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

export function useLookup() {
  return useMutation({ mutationFn: (query: LookupQuery) => staffApi.lookup(query) })
}

export function usePurchase() {
  return useIdempotentMutation((body: PurchaseRequest, key) => staffApi.purchase(body, key))
}

export function useRefund() {
  return useIdempotentMutation((v: { purchaseId: string; amountCents: number }, key) => staffApi.refund(v.purchaseId, v.amountCents, key))
}

export function useVerifyCoupon() {
  return useIdempotentMutation((v: { code: string }, key) => staffApi.verifyCoupon(v.code, key))
}
