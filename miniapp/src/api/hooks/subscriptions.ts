import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SubscribeAnswer } from '@huiyuan/shared-types'
import { subscriptionsApi, type MemberSubscriptionsView, type SandboxChoice, type SubscribeOutcome } from '../endpoints/subscriptions'
import { queryKeys } from '../query-keys'

/** How long after an accept WeChat's confirming push is worth waiting for on screen. */
const CONFIRMATION_WAIT_MS = 60_000

/** Asks again every 2 s while a fresh accept awaits WeChat's confirmation (normally a second or two). */
export function confirmationPollMs(view: MemberSubscriptionsView | undefined, now: number): number | false {
  const waiting = (view?.items ?? []).some((i) => i.unconfirmed > 0 && i.lastAcceptedAt !== null && now - Date.parse(i.lastAcceptedAt) < CONFIRMATION_WAIT_MS)
  return waiting ? 2_000 : false
}

export function useSubscriptions(enabled = true) {
  return useQuery({ queryKey: queryKeys.subscriptions, queryFn: () => subscriptionsApi.mine(), enabled, refetchInterval: (query) => confirmationPollMs(query.state.data, Date.now()) })
}

/** What the server is told after the pop-up: the answers, or 20005 (the app may be banned: HQ must hear of it); null when nothing. */
export async function reportOutcome(outcome: SubscribeOutcome): Promise<MemberSubscriptionsView | null> {
  if (outcome.kind === 'answered') return Object.keys(outcome.results).length > 0 ? subscriptionsApi.report(outcome.results as Record<string, SubscribeAnswer>) : null
  return outcome.errCode === 20005 ? subscriptionsApi.reportBanned() : null
}

/** Asks (from a tap) for up to 3 templates, then tells the server what the member answered. */
export function useAskSubscription() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ templateIds, sandbox }: { templateIds: string[]; sandbox?: SandboxChoice }): Promise<SubscribeOutcome> => {
      const outcome = await subscriptionsApi.request(templateIds.slice(0, 3), sandbox)
      const view = await reportOutcome(outcome)
      if (view) client.setQueryData(queryKeys.subscriptions, view)
      return outcome
    },
  })
}
