import type { AuditQuery, AuditRecord, Page } from '@huiyuan/shared-types'
import { api } from '../client'

export const auditApi = {
  list: (query: AuditQuery) => api.get<Page<AuditRecord>>('/api/v1/staff/audit', { ...query }),
}
