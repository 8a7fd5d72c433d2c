import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Tab pages stay mounted when the member switches away, so a balance changed meanwhile (a clerk
 * awarding points at the till, a redemption in a subpackage) would stay stale; ask again on every
 * return to the page, but not on its first show, when the query is already loading.
 */
export function useRefetchOnShow(refetch: () => unknown): void {
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void refetch()
    shownBefore.current = true
  })
}
