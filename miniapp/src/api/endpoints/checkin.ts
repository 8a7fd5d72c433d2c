import type { CheckinCalendar, CheckinResult, MakeupCheckinResult } from '@huiyuan/shared-types'
import { api } from '../client'

export type { CheckinCalendar, CheckinResult, MakeupCheckinResult }

export const checkinApi = {
  checkIn: (idempotencyKey: string) => api.post<CheckinResult>('/api/v1/checkins', {}, { idempotencyKey }),
  makeup: (date: string, idempotencyKey: string) => api.post<MakeupCheckinResult>('/api/v1/checkins/makeups', { date }, { idempotencyKey }),
  /** null: the server's current month, which is what "this month" means (its business calendar, not the phone's). */
  calendar: (month: string | null) => api.get<CheckinCalendar>('/api/v1/checkins/calendar', { month: month ?? undefined }),
}
