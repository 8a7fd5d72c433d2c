import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateTagRequest, SegmentRuleGroup, TagRuleSettings } from '@huiyuan/shared-types'
import { member360Api, segmentsApi, tagsApi } from '../endpoints/tags'
import { queryKeys } from '../query-keys'

export const useTags = () => useQuery({ queryKey: queryKeys.tags, queryFn: tagsApi.list })
export const useTagRules = () => useQuery({ queryKey: queryKeys.tagRules, queryFn: tagsApi.ruleSettings })
export const useLastTagRefresh = () => useQuery({ queryKey: queryKeys.tagRefresh, queryFn: tagsApi.lastRefresh })
export const useSegmentFields = () => useQuery({ queryKey: queryKeys.segmentFields, queryFn: segmentsApi.fields, staleTime: 60_000 })
export const useSegments = () => useQuery({ queryKey: queryKeys.segments, queryFn: segmentsApi.list })
export const useSegment = (id: number | null) => useQuery({ queryKey: queryKeys.segment(id ?? 0), queryFn: () => segmentsApi.get(id ?? 0), enabled: id !== null })
export const useMember360 = (memberId: number) => useQuery({ queryKey: queryKeys.member360(memberId), queryFn: () => member360Api.get(memberId) })

/** The live count: refetched as the rule tree changes (the caller debounces the tree). */
export const useSegmentPreview = (rules: SegmentRuleGroup | null) =>
  useQuery({ queryKey: queryKeys.segmentPreview(rules), queryFn: () => segmentsApi.preview(rules as SegmentRuleGroup), enabled: rules !== null, placeholderData: (previous) => previous, retry: false })

export function useSegmentMembers(id: number | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.segmentMembers(id ?? 0),
    queryFn: ({ pageParam }) => segmentsApi.members(id ?? 0, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: id !== null,
  })
}

function useInvalidate(...keys: ReadonlyArray<readonly unknown[]>) {
  const client = useQueryClient()
  return () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })))
}

export function useCreateTag() {
  const changed = useInvalidate(queryKeys.tags)
  return useMutation({ mutationFn: (body: CreateTagRequest) => tagsApi.create(body), onSuccess: changed })
}

export function useRemoveTag() {
  const changed = useInvalidate(queryKeys.tags)
  return useMutation({ mutationFn: (id: number) => tagsApi.remove(id), onSuccess: changed })
}

export function useUpdateTagRules() {
  const changed = useInvalidate(queryKeys.tagRules)
  return useMutation({ mutationFn: (body: Partial<TagRuleSettings>) => tagsApi.updateRuleSettings(body), onSuccess: changed })
}

export function useRefreshRuleTags() {
  const changed = useInvalidate(queryKeys.tags, queryKeys.tagRefresh)
  return useMutation({ mutationFn: tagsApi.refresh, onSuccess: changed })
}

export function useSaveSegment() {
  const changed = useInvalidate(queryKeys.segments)
  return useMutation({ mutationFn: ({ id, ...body }: { id: number | null; name: string; rules: SegmentRuleGroup }) => (id === null ? segmentsApi.create(body) : segmentsApi.update(id, body)), onSuccess: changed })
}

export function useSegmentTagging(id: number) {
  const changed = useInvalidate(queryKeys.tags, ['members'])
  return useMutation({ mutationFn: (v: { tagId: number; action: 'add' | 'remove' }) => segmentsApi.tagging(id, v.tagId, v.action), onSuccess: changed })
}

export function useMemberTagging(memberId: number) {
  const changed = useInvalidate(queryKeys.member360(memberId), queryKeys.tags)
  return useMutation({ mutationFn: (v: { tagId: number; add: boolean }) => (v.add ? tagsApi.tagMember(memberId, v.tagId) : tagsApi.untagMember(memberId, v.tagId)), onSuccess: changed })
}

export function useAddMemberNote(memberId: number) {
  const changed = useInvalidate(queryKeys.member360(memberId))
  return useMutation({ mutationFn: (body: string) => member360Api.addNote(memberId, body), onSuccess: changed })
}
