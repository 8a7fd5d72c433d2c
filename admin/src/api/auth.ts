import type { StaffProfile, StaffSession } from '@huiyuan/shared-types'

const TOKEN = 'huiyuan.admin.token'
const PROFILE = 'huiyuan.admin.profile'
const SCOPE = 'huiyuan.admin.scope'

type Listener = () => void
const listeners = new Set<Listener>()

function readProfile(): StaffProfile | null {
  const json = localStorage.getItem(PROFILE)
  if (!json) return null
  try {
    return JSON.parse(json) as StaffProfile
  } catch {
    return null
  }
}

/** The signed-in staff member, kept in localStorage so a reload stays signed in until the token expires. */
export const authStore = {
  token: (): string | null => localStorage.getItem(TOKEN),
  profile: readProfile,
  signIn(session: StaffSession): void {
    localStorage.setItem(TOKEN, session.token)
    localStorage.setItem(PROFILE, JSON.stringify(session.staff))
    listeners.forEach((fn) => fn())
  },
  signOut(): void {
    localStorage.removeItem(TOKEN)
    localStorage.removeItem(PROFILE)
    localStorage.removeItem(SCOPE)
    listeners.forEach((fn) => fn())
  },
  /** HQ's chosen store scope (a store or region code); null means every store. */
  scope: (): string | null => localStorage.getItem(SCOPE),
  setScope(code: string | null): void {
    if (code) localStorage.setItem(SCOPE, code)
    else localStorage.removeItem(SCOPE)
    listeners.forEach((fn) => fn())
  },
  subscribe(fn: Listener): () => void {
    listeners.add(fn)
    return () => listeners.delete(fn)
  },
}
