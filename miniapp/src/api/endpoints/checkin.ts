import type { CheckinCalendar, CheckinResult } from '@huiyuan/shared-types'
import { api } from '../client'

export type { CheckinCalendar, CheckinResult }

export const checkinApi = {
  checkIn: (idempotencyKey: string) => api.post<CheckinResult>('/api/v1/checkins', {}, { idempotencyKey }),
  calendar: (month: string) => api.get<CheckinCalendar>('/api/v1/checkins/calendar', { month }),
}
