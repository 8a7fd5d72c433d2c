import type { AuditQuery, AuditRecord, CountedPage } from '@huiyuan/shared-types'
import { api } from '../client'

export const auditApi = {
  list: (query: AuditQuery) => api.get<CountedPage<AuditRecord>>('/api/v1/staff/audit', { ...query }),
}
