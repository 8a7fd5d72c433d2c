import type { MessageTemplateView, SaveMessageTemplateRequest, WechatLibraryTemplate } from '@huiyuan/shared-types'
import { api } from '../client'

export const messageTemplatesApi = {
  list: () => api.get<MessageTemplateView[]>('/api/v1/staff/message-templates'),
  library: () => api.get<WechatLibraryTemplate[]>('/api/v1/staff/message-templates/library'),
  create: (body: SaveMessageTemplateRequest) => api.post<MessageTemplateView>('/api/v1/staff/message-templates', body),
  update: (id: number, body: SaveMessageTemplateRequest) => api.put<MessageTemplateView>(`/api/v1/staff/message-templates/${id}`, body),
}
