import type { AutomationOccurrenceView, AutomationView, CareTaskCompletion, CareTaskRules, UpdateAutomationRequest } from '@huiyuan/shared-types'
import { api } from '../client'

export const automationsApi = {
  list: () => api.get<AutomationView[]>('/api/v1/staff/automations'),
  update: (id: number, body: UpdateAutomationRequest) => api.patch<AutomationView>(`/api/v1/staff/automations/${id}`, body),
  occurrences: (id: number) => api.get<AutomationOccurrenceView[]>(`/api/v1/staff/automations/${id}/occurrences`),
}

export const careTasksApi = {
  completion: (from: string, to: string) => api.get<CareTaskCompletion>('/api/v1/staff/care-tasks/completion', { from, to }),
  rules: () => api.get<CareTaskRules>('/api/v1/staff/care-task-rules'),
  updateRules: (body: CareTaskRules) => api.put<CareTaskRules>('/api/v1/staff/care-task-rules', body),
}
