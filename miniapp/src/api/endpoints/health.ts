import type { HealthStatus } from '@huiyuan/shared-types'
import { api } from '../client'

export const healthApi = {
  get: () => api.get<HealthStatus>('/api/health', undefined, 'none'),
}
