import type { Page, Redemption, Reward } from '@huiyuan/shared-types'
import { api } from '../client'

export type { Redemption, Reward }

export const rewardsApi = {
  list: (cursor?: string | null) => api.get<Page<Reward>>('/api/v1/rewards', { cursor }),
  detail: (id: string) => api.get<Reward>(`/api/v1/rewards/${encodeURIComponent(id)}`),
  redeem: (id: string, idempotencyKey: string) =>
    api.post<Redemption>(`/api/v1/rewards/${encodeURIComponent(id)}/redemptions`, {}, { idempotencyKey }),
}
