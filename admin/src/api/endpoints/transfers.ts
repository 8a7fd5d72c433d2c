import type { ExportJob, ExportRequest, ImportJob, ImportRejection, Page } from '@huiyuan/shared-types'
import { api } from '../client'

export const exportsApi = {
  list: () => api.get<ExportJob[]>('/api/v1/staff/exports'),
  get: (id: number) => api.get<ExportJob>(`/api/v1/staff/exports/${id}`),
  create: (body: ExportRequest) => api.post<ExportJob>('/api/v1/staff/exports', body),
  file: (id: number) => api.blob(`/api/v1/staff/exports/${id}/file`),
}

export const importsApi = {
  list: () => api.get<ImportJob[]>('/api/v1/staff/imports'),
  get: (id: number) => api.get<ImportJob>(`/api/v1/staff/imports/${id}`),
  upload: (file: File) => api.upload<ImportJob>('/api/v1/staff/imports', file),
  rejections: (id: number, after?: number) => api.get<Page<ImportRejection>>(`/api/v1/staff/imports/${id}/rejections`, { after, limit: 200 }),
  start: (id: number) => api.post<ImportJob>(`/api/v1/staff/imports/${id}/start`, undefined),
}
