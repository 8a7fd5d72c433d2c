import type { MyReferrals } from '@huiyuan/shared-types'
import { api } from '../client'

export type { MyReferrals }

export const referralsApi = {
  mine: () => api.get<MyReferrals>('/api/v1/referrals/me'),
}
