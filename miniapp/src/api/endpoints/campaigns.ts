import { api } from '../client'

export const campaignsApi = {
  /** The member opened a campaign message's landing page. */
  open: (campaignId: number) => api.post<void>('/api/v1/campaign-opens', { campaignId }),
}
