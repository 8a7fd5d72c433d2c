import { useCallback, useEffect, useRef, useState } from 'react'
import { membersApi, type MemberCode } from '../endpoints/members'

export interface MemberCodeState {
  code: MemberCode | null
  error: unknown
  loading: boolean
  /** Whole seconds until the shown code expires (0 once expired). */
  secondsLeft: number
  refresh: () => void
}

export interface MemberCodeOptions {
  fetchCode?: () => Promise<MemberCode>
  /** Fetch the next code this long before the current one expires, so a clerk never scans a dead one. */
  leadMs?: number
  /** After a failed fetch, try again after this long. */
  retryMs?: number
  /** False while the page is hidden: no timers, no requests. */
  enabled?: boolean
  now?: () => number
}

export function useMemberCode({
  fetchCode = membersApi.code,
  leadMs = 5_000,
  retryMs = 10_000,
  enabled = true,
  now = Date.now,
}: MemberCodeOptions = {}): MemberCodeState {
  const [code, setCode] = useState<MemberCode | null>(null)
  // The phone's clock may be hours off the server's: expiry is counted from when the code arrived.
  const [expiresAt, setExpiresAt] = useState(0)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(false)
  const [secondsLeft, setSecondsLeft] = useState(0)
  const generation = useRef(0)
  const fetchRef = useRef(fetchCode)
  fetchRef.current = fetchCode
  const nowRef = useRef(now)
  nowRef.current = now

  const refresh = useCallback(() => {
    const mine = ++generation.current
    setLoading(true)
    fetchRef.current().then(
      (next) => {
        if (mine !== generation.current) return
        setCode(next)
        setExpiresAt(nowRef.current() + next.validForMs)
        setError(null)
        setLoading(false)
      },
      (failure: unknown) => {
        if (mine !== generation.current) return
        setError(failure)
        setLoading(false)
      },
    )
  }, [])

  useEffect(() => {
    if (!enabled) return undefined
    refresh()
    return () => {
      generation.current += 1
    }
  }, [enabled, refresh])

  useEffect(() => {
    if (!enabled || !code) return undefined
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((expiresAt - nowRef.current()) / 1000)))
    tick()
    const interval = setInterval(tick, 1000)
    const timer = setTimeout(refresh, Math.max(1000, expiresAt - nowRef.current() - leadMs))
    return () => {
      clearInterval(interval)
      clearTimeout(timer)
    }
  }, [enabled, code, expiresAt, leadMs, refresh])

  useEffect(() => {
    if (!enabled || !error) return undefined
    const timer = setTimeout(refresh, retryMs)
    return () => clearTimeout(timer)
  }, [enabled, error, retryMs, refresh])

  return { code, error, loading, secondsLeft, refresh }
}
