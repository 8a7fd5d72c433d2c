import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SaveMessageTemplateRequest } from '@huiyuan/shared-types'
import { messageTemplatesApi } from '../endpoints/subscriptions'
import { queryKeys } from '../query-keys'

export const useMessageTemplates = () => useQuery({ queryKey: queryKeys.messageTemplates, queryFn: messageTemplatesApi.list })
export const useTemplateLibrary = (enabled: boolean) => useQuery({ queryKey: queryKeys.messageTemplateLibrary, queryFn: messageTemplatesApi.library, enabled })

export function useSaveMessageTemplate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: SaveMessageTemplateRequest }) => (id === null ? messageTemplatesApi.create(body) : messageTemplatesApi.update(id, body)),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.messageTemplates }), client.invalidateQueries({ queryKey: queryKeys.messageTemplateLibrary })]),
  })
}
