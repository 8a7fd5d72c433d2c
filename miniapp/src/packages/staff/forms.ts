import type { CouponVerification, StaffRole } from '@huiyuan/shared-types'

// Roles ------------------------------------------------------------------------------------------

/** The counter tool's own pages; HQ's settings live in the web console (/admin). */
export type StaffPageKey = 'careTasks' | 'poster' | 'verifications'

const ALL: readonly StaffRole[] = ['hq_admin', 'store_manager', 'clerk']

/** Who sees which console link; the server enforces the same roles on the routes behind each page. */
export const staffPageRoles: Record<StaffPageKey, readonly StaffRole[]> = {
  careTasks: ALL,
  poster: ALL,
  verifications: ALL,
}

export const mayOpen = (role: StaffRole, page: StaffPageKey): boolean => staffPageRoles[page].includes(role)

/** Campaign test sends are HQ's (the console's 营销活动), so only HQ is offered to bind a WeChat for them. */
export const mayReceiveTestSends = (role: StaffRole): boolean => role === 'hq_admin'

export const mayUndoVerifications = (role: StaffRole): boolean => role === 'hq_admin' || role === 'store_manager'

/** Whether an undo is still worth offering; with the window unknown the server decides. */
export function withinUndoWindow(v: Pick<CouponVerification, 'verifiedAt' | 'undoneAt'>, windowMinutes: number | undefined, now: number): boolean {
  if (v.undoneAt) return false
  if (windowMinutes === undefined) return true
  return now - new Date(v.verifiedAt).getTime() < windowMinutes * 60_000
}
