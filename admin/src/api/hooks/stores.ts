import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateStaffRequest, CreateStoreRequest, UpdateStaffRequest, UpdateStoreRequest } from '@huiyuan/shared-types'
import { staffApi } from '../endpoints/staff'
import { storesApi } from '../endpoints/stores'
import { queryKeys } from '../query-keys'

export const useStores = () => useQuery({ queryKey: queryKeys.stores, queryFn: storesApi.list, staleTime: 5 * 60_000 })

export function useSaveStore() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { code: string | null; body: CreateStoreRequest }) =>
      v.code === null ? storesApi.create(v.body) : storesApi.update(v.code, { name: v.body.name, parentCode: v.body.parentCode } satisfies UpdateStoreRequest),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.stores }),
  })
}

/** The poster needs the staff token, so an <img src> cannot load it: fetched as a blob URL. */
export function useStorePoster(code: string | null) {
  return useQuery({
    queryKey: queryKeys.poster(code ?? ''),
    queryFn: async () => URL.createObjectURL(await storesApi.poster(code ?? '')),
    enabled: !!code,
    staleTime: Infinity,
  })
}

export function useCreateStaff() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: CreateStaffRequest) => staffApi.create(body), onSuccess: () => client.invalidateQueries({ queryKey: ['staff-accounts'] }) })
}

export function useUpdateStaff() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number; body: UpdateStaffRequest }) => staffApi.update(v.id, v.body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff-accounts'] }),
  })
}

export function useResetPassword() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: number }) => staffApi.resetPassword(v.id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff-accounts'] }),
  })
}

/** Every staff account in scope with the clerk role, for clerk pickers. */
export const useClerks = () =>
  useQuery({ queryKey: ['staff-accounts', 'clerks'], queryFn: () => staffApi.accounts({ role: 'clerk', active: true, limit: 200 }), staleTime: 60_000 })
