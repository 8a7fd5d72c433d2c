import type {
  BulkTagResult,
  CreateTagRequest,
  Member360,
  MemberNoteView,
  Page,
  RuleTagRefreshRun,
  SegmentFieldInfo,
  SegmentMemberRow,
  SegmentPreview,
  SegmentRuleGroup,
  SegmentView,
  TagRuleSettings,
  TagView,
} from '@huiyuan/shared-types'
import { api, request } from '../client'

export const tagsApi = {
  list: () => api.get<TagView[]>('/api/v1/staff/tags'),
  create: (body: CreateTagRequest) => api.post<TagView>('/api/v1/staff/tags', body),
  remove: (id: number) => request<void>(`/api/v1/staff/tags/${id}`, { method: 'DELETE' }),
  tagMember: (memberId: number, tagId: number) => api.put<{ changed: boolean }>(`/api/v1/staff/members/${memberId}/tags/${tagId}`, {}),
  untagMember: (memberId: number, tagId: number) => request<{ changed: boolean }>(`/api/v1/staff/members/${memberId}/tags/${tagId}`, { method: 'DELETE' }),
  ruleSettings: () => api.get<TagRuleSettings>('/api/v1/staff/tag-rules'),
  updateRuleSettings: (body: Partial<TagRuleSettings>) => api.put<TagRuleSettings>('/api/v1/staff/tag-rules', body),
  lastRefresh: () => api.get<RuleTagRefreshRun | null>('/api/v1/staff/tag-rules/last-refresh'),
  refresh: () => api.post<RuleTagRefreshRun | null>('/api/v1/staff/tag-rules/refresh', {}),
}

export const segmentsApi = {
  fields: () => api.get<SegmentFieldInfo[]>('/api/v1/staff/segment-fields'),
  list: () => api.get<SegmentView[]>('/api/v1/staff/segments'),
  get: (id: number) => api.get<SegmentView>(`/api/v1/staff/segments/${id}`),
  preview: (rules: SegmentRuleGroup) => api.post<SegmentPreview>('/api/v1/staff/segments/preview', { rules }),
  create: (body: { name: string; rules: SegmentRuleGroup }) => api.post<SegmentView>('/api/v1/staff/segments', body),
  update: (id: number, body: { name: string; rules: SegmentRuleGroup }) => api.put<SegmentView>(`/api/v1/staff/segments/${id}`, body),
  members: (id: number, cursor: string | null) => api.get<Page<SegmentMemberRow>>(`/api/v1/staff/segments/${id}/members`, { cursor, limit: 20 }),
  tagging: (id: number, tagId: number, action: 'add' | 'remove') => api.post<BulkTagResult>(`/api/v1/staff/segments/${id}/tagging`, { tagId, action }),
}

export const member360Api = {
  get: (memberId: number) => api.get<Member360>(`/api/v1/staff/members/${memberId}/360`),
  addNote: (memberId: number, body: string) => api.post<MemberNoteView>(`/api/v1/staff/members/${memberId}/notes`, { body }),
}
