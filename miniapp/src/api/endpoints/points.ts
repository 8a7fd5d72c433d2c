import type { ExpiringPoints, LedgerEntry, Page } from '@huiyuan/shared-types'
import { api } from '../client'

export type { ExpiringPoints, LedgerEntry }

export const pointsApi = {
  ledger: (cursor?: string | null) => api.get<Page<LedgerEntry>>('/api/v1/points/ledger', { cursor }),
  expiring: () => api.get<{ items: ExpiringPoints[] }>('/api/v1/points/expiring'),
}
