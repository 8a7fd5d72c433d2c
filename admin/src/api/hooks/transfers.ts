import type { ExportRequest } from '@huiyuan/shared-types'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { exportsApi, importsApi } from '../endpoints/transfers'
import { queryKeys } from '../query-keys'

/** Jobs still moving are polled every second; finished ones stop asking. */
const POLL_MS = 1000
const moving = (status: string) => status === 'queued' || status === 'running'

export const useExports = () =>
  useQuery({ queryKey: queryKeys.exports, queryFn: exportsApi.list, refetchInterval: (q) => (q.state.data?.some((j) => moving(j.status)) ? POLL_MS : false) })

export function useCreateExport() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (body: ExportRequest) => exportsApi.create(body), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.exports }) })
}

export const useImport = (id: number | null) =>
  useQuery({ queryKey: queryKeys.importJob(id ?? 0), queryFn: () => importsApi.get(id ?? 0), enabled: id !== null, refetchInterval: (q) => (q.state.data && moving(q.state.data.status) ? POLL_MS : false) })

export const useImportRejections = (id: number | null, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.importRejections(id ?? 0), queryFn: () => importsApi.rejections(id ?? 0), enabled: id !== null && enabled })

export const useImports = () => useQuery({ queryKey: queryKeys.imports, queryFn: importsApi.list })

export function useUploadImport() {
  const client = useQueryClient()
  return useMutation({ mutationFn: (file: File) => importsApi.upload(file), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.imports }) })
}

export function useStartImport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => importsApi.start(id),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.importJob(job.id), job)
      void client.invalidateQueries({ queryKey: queryKeys.imports })
    },
  })
}
