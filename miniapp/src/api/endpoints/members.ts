import type {
  JoinRequest,
  JoinResponse,
  MemberCard,
  MemberCode,
  MemberProfile,
  PrivacyNotice,
  UpdateProfileRequest,
} from '@huiyuan/shared-types'
import { api, request } from '../client'

export type { MemberCard, MemberCode, MemberProfile }

// Routes beyond ARCHITECTURE.md's public table (profile, privacy notice, export, delete) follow the
// server's members controller; a page shows the API's own error if one is not deployed.
export const membersApi = {
  me: () => api.get<MemberCard>('/api/v1/members/me'),
  code: () => api.get<MemberCode>('/api/v1/members/me/code'),
  join: (body: JoinRequest, idempotencyKey: string) => api.post<JoinResponse>('/api/v1/members', body, { idempotencyKey }),
  profile: () => api.get<MemberProfile>('/api/v1/members/me/profile'),
  updateProfile: (body: UpdateProfileRequest, idempotencyKey: string) =>
    request<MemberProfile>('/api/v1/members/me/profile', { method: 'PATCH', body, idempotencyKey }),
  bindPhone: (code: string, idempotencyKey: string) => api.post<MemberProfile>('/api/v1/members/me/phone', { code }, { idempotencyKey }),
  /** H5 only: the sandbox's stand-in for the one-time code the getPhoneNumber button gives in WeChat. */
  sandboxPhoneCode: (phoneNumber: string) => api.post<{ code: string }>('/sandbox/wechat/dev/phone-code', { phoneNumber }, { auth: 'none' }),
  privacyNotice: () => api.get<PrivacyNotice>('/api/v1/privacy-notice', undefined, 'none'),
  exportData: () => api.get<unknown>('/api/v1/members/me/export'),
  deleteAccount: (idempotencyKey: string) => api.delete<unknown>('/api/v1/members/me', { idempotencyKey }),
}
