import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CareTaskRules, UpdateAutomationRequest } from '@huiyuan/shared-types'
import { automationsApi, careTasksApi } from '../endpoints/automations'
import { queryKeys } from '../query-keys'

export const useAutomations = () => useQuery({ queryKey: queryKeys.automations, queryFn: automationsApi.list })
export const useAutomationOccurrences = (id: number | null) =>
  useQuery({ queryKey: queryKeys.automationOccurrences(id ?? 0), queryFn: () => automationsApi.occurrences(id ?? 0), enabled: id !== null })

export function useUpdateAutomation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateAutomationRequest }) => automationsApi.update(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.automations }),
  })
}

export const useCareTaskCompletion = (from: string, to: string) => useQuery({ queryKey: queryKeys.careTaskCompletion(from, to), queryFn: () => careTasksApi.completion(from, to) })
export const useCareTaskRules = () => useQuery({ queryKey: queryKeys.careTaskRules, queryFn: careTasksApi.rules })

export function useUpdateCareTaskRules() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: CareTaskRules) => careTasksApi.updateRules(body), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.careTaskRules }) })
}
