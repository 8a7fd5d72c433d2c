import { useQuery } from '@tanstack/react-query'
import { programmeApi } from '../endpoints/programme'
import { queryKeys } from '../query-keys'

const TEN_MINUTES = 10 * 60_000

export function useTiers() {
  return useQuery({ queryKey: queryKeys.tiers, queryFn: programmeApi.tiers, staleTime: TEN_MINUTES })
}

export function useWelcomePoints() {
  return useQuery({ queryKey: queryKeys.welcome, queryFn: async () => (await programmeApi.welcome()).welcomePoints, staleTime: TEN_MINUTES })
}

export function useStoreName(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.store(code ?? ''),
    queryFn: async () => (await programmeApi.store(code ?? '')).name,
    enabled: !!code,
    staleTime: TEN_MINUTES,
    retry: false,
  })
}
