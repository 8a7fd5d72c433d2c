import type { CouponVerification, StaffRole } from '@huiyuan/shared-types'

export const mayUndo = (role: StaffRole): boolean => role === 'hq_admin' || role === 'store_manager'

/** Whether an undo is still worth offering; with the window unknown the server decides. */
export function withinUndoWindow(v: Pick<CouponVerification, 'verifiedAt' | 'undoneAt'>, windowMinutes: number | undefined, now: number): boolean {
  if (v.undoneAt) return false
  if (windowMinutes === undefined) return true
  return now - new Date(v.verifiedAt).getTime() < windowMinutes * 60_000
}
