import type { AppBanReportsView, CampaignAudience, CampaignResults, CampaignView, Page, PlaceholderInfo, SaveCampaignRequest, TestSendResult } from '@huiyuan/shared-types'
import { api } from '../client'

export const campaignsApi = {
  list: () => api.get<Page<CampaignView>>('/api/v1/staff/campaigns', { limit: 100 }),
  get: (id: number) => api.get<CampaignView>(`/api/v1/staff/campaigns/${id}`),
  create: (body: SaveCampaignRequest) => api.post<CampaignView>('/api/v1/staff/campaigns', body),
  update: (id: number, body: SaveCampaignRequest) => api.put<CampaignView>(`/api/v1/staff/campaigns/${id}`, body),
  audience: (id: number) => api.get<CampaignAudience>(`/api/v1/staff/campaigns/${id}/audience`),
  testSend: (id: number) => api.post<TestSendResult>(`/api/v1/staff/campaigns/${id}/test-send`, {}),
  act: (id: number, action: 'launch' | 'pause' | 'resume' | 'cancel') => api.post<CampaignView>(`/api/v1/staff/campaigns/${id}/${action}`, {}),
  results: (id: number) => api.get<CampaignResults>(`/api/v1/staff/campaigns/${id}/results`),
  placeholders: () => api.get<PlaceholderInfo[]>('/api/v1/staff/campaign-placeholders'),
  appBanReports: () => api.get<AppBanReportsView>('/api/v1/staff/app-ban-reports'),
}
