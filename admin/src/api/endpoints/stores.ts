import type { CreateStoreRequest, Store, UpdateStoreRequest } from '@huiyuan/shared-types'
import { api } from '../client'

const enc = encodeURIComponent

export const storesApi = {
  list: () => api.get<Store[]>('/api/v1/staff/stores'),
  create: (body: CreateStoreRequest) => api.post<Store>('/api/v1/staff/stores', body),
  update: (code: string, body: UpdateStoreRequest) => api.patch<Store>(`/api/v1/staff/stores/${enc(code)}`, body),
  poster: (code: string) => api.blob(`/api/v1/staff/stores/${enc(code)}/poster.png`),
}
