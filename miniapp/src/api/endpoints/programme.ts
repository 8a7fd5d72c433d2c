import type { Tier } from '@huiyuan/shared-types'
import { api } from '../client'

export type { Tier }

/** What a visitor may read before joining (a WeChat login, no membership needed). */
export const programmeApi = {
  tiers: () => api.get<Tier[]>('/api/v1/tiers'),
  welcome: () => api.get<{ welcomePoints: number }>('/api/v1/points/welcome'),
  store: (code: string) => api.get<{ code: string; name: string }>(`/api/v1/stores/${encodeURIComponent(code)}`),
}
