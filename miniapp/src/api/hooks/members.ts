import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { JoinRequest, MemberCard, UpdateProfileRequest } from '@huiyuan/shared-types'
import { authStore } from '../auth'
import { isApiError } from '../client'
import { membersApi } from '../endpoints/members'
import { queryKeys } from '../query-keys'
import { useIdempotentMutation } from './use-idempotent-mutation'

/**
 * The card, or null when this WeChat user has not joined yet. `pollMs` re-reads it on a timer, for
 * the moments the balance is about to change elsewhere (the member code shown at the till).
 */
export function useMe({ pollMs }: { pollMs?: number } = {}) {
  return useQuery<MemberCard | null>({
    queryKey: queryKeys.me,
    // Only a member's card changes at the till; a visitor's "not a member" does not need asking again.
    refetchInterval: (query) => (pollMs && query.state.data ? pollMs : false),
    queryFn: async () => {
      try {
        return await membersApi.me()
      } catch (error) {
        if (isApiError(error) && error.is('NOT_A_MEMBER', 'MEMBER_NOT_FOUND')) return null
        throw error
      }
    },
  })
}

export function useProfile(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.profile, queryFn: membersApi.profile, enabled })
}

export function usePrivacyNotice() {
  return useQuery({ queryKey: queryKeys.privacyNotice, queryFn: membersApi.privacyNotice, staleTime: 10 * 60_000 })
}

export function useJoin() {
  const client = useQueryClient()
  return useIdempotentMutation((body: JoinRequest, key) => membersApi.join(body, key), {
    onSuccess: async (result) => {
      // The join answers with a token that carries the new member id; earlier tokens do not.
      authStore.setMemberToken(result.token)
      // A card read still in flight was sent before the join and answers "not a member": drop it,
      // or it lands after this and the card page tells a new member to join.
      await client.cancelQueries({ queryKey: queryKeys.me, exact: true })
      client.setQueryData(queryKeys.me, result.member)
    },
  })
}

export function useUpdateProfile() {
  const client = useQueryClient()
  return useIdempotentMutation((body: UpdateProfileRequest, key) => membersApi.updateProfile(body, key), {
    onSuccess: (profile) => {
      client.setQueryData(queryKeys.profile, profile)
      return client.invalidateQueries({ queryKey: queryKeys.me, exact: true })
    },
  })
}

export function useDeleteAccount() {
  const client = useQueryClient()
  return useIdempotentMutation((_: void, key) => membersApi.deleteAccount(key), {
    onSuccess: () => {
      authStore.setMemberToken(null)
      client.clear()
    },
  })
}

export function useBindPhone() {
  const client = useQueryClient()
  return useIdempotentMutation((code: string, key) => membersApi.bindPhone(code, key), {
    onSuccess: (profile) => client.setQueryData(queryKeys.profile, profile),
  })
}
