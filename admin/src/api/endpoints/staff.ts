import type { CountedPage, CreateStaffRequest, PasswordReset, StaffAccount, StaffAccountQuery, StaffLoginRequest, StaffProfile, StaffSession, UpdateStaffRequest } from '@huiyuan/shared-types'
import { api } from '../client'

export const staffApi = {
  signIn: (body: StaffLoginRequest) => api.post<StaffSession>('/api/v1/staff/sessions', body, { anonymous: true }),
  me: () => api.get<StaffProfile>('/api/v1/staff/me'),
  accounts: (query: StaffAccountQuery) => api.get<CountedPage<StaffAccount>>('/api/v1/staff/staff-accounts', { ...query }),
  create: (body: CreateStaffRequest) => api.post<{ staff: StaffProfile; oneTimePassword: string | null }>('/api/v1/staff/staff', body),
  update: (id: number, body: UpdateStaffRequest) => api.patch<StaffAccount>(`/api/v1/staff/staff/${id}`, body),
  /** No Idempotency-Key: the answer carries a one-time password, which the server never stores for a replay. */
  resetPassword: (id: number) => api.post<PasswordReset>(`/api/v1/staff/staff/${id}/password-resets`, {}),
}
