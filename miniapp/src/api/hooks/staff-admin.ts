import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CompleteCareTaskRequest } from '@huiyuan/shared-types'
import { pngDataUrl } from '../../lib/base64'
import { staffApi } from '../endpoints/staff'
import { queryKeys } from '../query-keys'
import { useIdempotentMutation } from './use-idempotent-mutation'

const keys = queryKeys.staff

export function useStaffStores() {
  return useQuery({ queryKey: keys.stores, queryFn: staffApi.stores })
}

/** The store's join poster as a data URL: the image needs the staff token, so an <Image src=url> cannot load it. */
export function useStorePoster(storeCode: string | null) {
  return useQuery({
    queryKey: keys.poster(storeCode ?? ''),
    queryFn: async () => pngDataUrl(await staffApi.storePoster(storeCode ?? '')),
    enabled: !!storeCode,
    staleTime: 10 * 60_000,
  })
}

export function useVerifications(storeCode: string | null, date: string) {
  return useInfiniteQuery({
    queryKey: keys.verifications(storeCode ?? '', date),
    queryFn: ({ pageParam }) => staffApi.verifications(storeCode ?? '', date, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!storeCode,
  })
}

export function useCouponSettings(enabled: boolean) {
  return useQuery({ queryKey: keys.couponSettings, queryFn: staffApi.couponSettings, enabled })
}

export function useUndoVerification() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { id: number }, key) => staffApi.undoVerification(v.id, key), {
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff', 'verifications'] }),
  })
}

export function useCareTasks() {
  return useQuery({ queryKey: keys.careTasks, queryFn: staffApi.careTasks })
}

/** A task done leaves the list. */
export function useCompleteCareTask() {
  const client = useQueryClient()
  return useIdempotentMutation((v: { id: number; body: CompleteCareTaskRequest }, key) => staffApi.completeCareTask(v.id, v.body, key), {
    onSuccess: () => client.invalidateQueries({ queryKey: keys.careTasks }),
  })
}
