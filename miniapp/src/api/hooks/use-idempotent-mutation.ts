import { useRef } from 'react'
import { useMutation, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query'
import { uuid4 } from '../../lib/uuid'

/**
 * One Idempotency-Key per user action: a retry of the same action (same variables, not yet
 * succeeded) reuses the key so the server answers with the first result instead of acting twice.
 */
export function useActionKey(): { keyFor: (variables: unknown) => string; reset: () => void } {
  const current = useRef<{ key: string; fingerprint: string } | null>(null)
  return {
    keyFor(variables) {
      const fingerprint = JSON.stringify(variables ?? null)
      if (!current.current || current.current.fingerprint !== fingerprint) current.current = { key: uuid4(), fingerprint }
      return current.current.key
    },
    reset() {
      current.current = null
    },
  }
}

export function useIdempotentMutation<TData, TVariables = void>(
  mutate: (variables: TVariables, idempotencyKey: string) => Promise<TData>,
  options: Omit<UseMutationOptions<TData, Error, TVariables>, 'mutationFn'> = {},
): UseMutationResult<TData, Error, TVariables> {
  const keys = useActionKey()
  return useMutation<TData, Error, TVariables>({
    ...options,
    mutationFn: (variables) => mutate(variables, keys.keyFor(variables)),
    onSuccess: (...args) => {
      keys.reset()
      return options.onSuccess?.(...args)
    },
  })
}
