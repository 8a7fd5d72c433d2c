import { QueryClient } from '@tanstack/react-query'
import { isApiError, onMemberLogin } from './client'
import { queryKeys } from './query-keys'

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will answer the same again; only network trouble and 5xx are worth a retry.
        retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  })
  onMemberLogin((result) => {
    if (result.member) client.setQueryData(queryKeys.me, result.member)
  })
  return client
}
