import { useSyncExternalStore } from 'react'
import type { StaffProfile } from '@huiyuan/shared-types'
import { authStore } from '../auth'

let cachedJson: string | null = null
let cachedProfile: StaffProfile | null = null

function snapshot(): StaffProfile | null {
  const json = authStore.token() ? localStorage.getItem('huiyuan.admin.profile') : null
  if (json !== cachedJson) {
    cachedJson = json
    cachedProfile = authStore.profile()
  }
  return cachedProfile
}

/** The signed-in staff member, or null; re-renders on sign-in and sign-out (a 401 signs out too). */
export function useSession(): StaffProfile | null {
  return useSyncExternalStore(authStore.subscribe, snapshot)
}

/** HQ's store scope: the store or region whose records the lists show (null: all). */
export function useScope(): string | null {
  return useSyncExternalStore(authStore.subscribe, authStore.scope)
}
