import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SubscribeAnswer } from '@huiyuan/shared-types'
import { subscriptionsApi, type SandboxChoice, type SubscribeOutcome } from '../endpoints/subscriptions'
import { queryKeys } from '../query-keys'

export function useSubscriptions(enabled = true) {
  return useQuery({ queryKey: queryKeys.subscriptions, queryFn: () => subscriptionsApi.mine(), enabled })
}

/** Asks (from a tap) for up to 3 templates, then tells the server what the member answered. */
export function useAskSubscription() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ templateIds, sandbox }: { templateIds: string[]; sandbox?: SandboxChoice }): Promise<SubscribeOutcome> => {
      const outcome = await subscriptionsApi.request(templateIds.slice(0, 3), sandbox)
      if (outcome.kind === 'answered' && Object.keys(outcome.results).length > 0) {
        client.setQueryData(queryKeys.subscriptions, await subscriptionsApi.report(outcome.results as Record<string, SubscribeAnswer>))
      }
      return outcome
    },
  })
}
