import { act, renderHook } from '@testing-library/react'
import type { MemberCode } from '@huiyuan/shared-types'
import { useMemberCode } from '../../src/api/hooks/use-member-code'

const T0 = Date.parse('2025-06-01T00:00:00Z')
/** A code as the server answers it; `serverSkewMs` is how far the server's clock is from the phone's. */
const codeAt = (n: number, ttlMs: number, serverSkewMs = 0): MemberCode => ({
  code: `CODE${n}`,
  expiresAt: new Date(Date.now() + serverSkewMs + ttlMs).toISOString(),
  validForMs: ttlMs,
  qrPng: 'data:image/png;base64,AA==',
  barcodePng: 'data:image/png;base64,AA==',
})

beforeEach(() => {
  jest.useFakeTimers()
  jest.setSystemTime(T0)
})
afterEach(() => jest.useRealTimers())

const flush = () => act(async () => { await Promise.resolve() })

it('counts down and fetches the next code before the current one expires', async () => {
  let n = 0
  const fetchCode = jest.fn(async () => codeAt(++n, 30_000))
  const { result } = renderHook(() => useMemberCode({ fetchCode, leadMs: 5_000 }))
  await flush()
  expect(result.current.code?.code).toBe('CODE1')
  expect(result.current.secondsLeft).toBe(30)

  await act(async () => { jest.advanceTimersByTime(10_000) })
  expect(result.current.secondsLeft).toBe(20)
  expect(fetchCode).toHaveBeenCalledTimes(1)

  await act(async () => { jest.advanceTimersByTime(15_000) })
  await flush()
  expect(fetchCode).toHaveBeenCalledTimes(2)
  expect(result.current.code?.code).toBe('CODE2')
  expect(result.current.secondsLeft).toBe(30)
})

it('keeps showing the error and retries after a failure', async () => {
  const fetchCode = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(codeAt(1, 60_000))
  const { result } = renderHook(() => useMemberCode({ fetchCode, retryMs: 3_000 }))
  await flush()
  expect(result.current.error).toBeInstanceOf(Error)
  expect(result.current.code).toBeNull()

  await act(async () => { jest.advanceTimersByTime(3_000) })
  await flush()
  expect(fetchCode).toHaveBeenCalledTimes(2)
  expect(result.current.error).toBeNull()
  expect(result.current.code?.code).toBe('CODE1')
})

it('does nothing while disabled (page hidden)', async () => {
  const fetchCode = jest.fn(async () => codeAt(1, 30_000))
  renderHook(() => useMemberCode({ fetchCode, enabled: false }))
  await act(async () => { jest.advanceTimersByTime(120_000) })
  expect(fetchCode).not.toHaveBeenCalled()
})

it("counts down by the code's own validity when the phone's clock is hours off the server's", async () => {
  // The phone is 4 h ahead: by its clock every code has long expired. It must still show 30 s and refresh once, not every second.
  let n = 0
  const fetchCode = jest.fn(async () => codeAt(++n, 30_000, -4 * 3600_000))
  const { result } = renderHook(() => useMemberCode({ fetchCode, leadMs: 5_000 }))
  await flush()
  expect(result.current.secondsLeft).toBe(30)
  await act(async () => { jest.advanceTimersByTime(20_000) })
  expect(result.current.secondsLeft).toBe(10)
  expect(fetchCode).toHaveBeenCalledTimes(1)
  await act(async () => { jest.advanceTimersByTime(5_000) })
  await flush()
  expect(fetchCode).toHaveBeenCalledTimes(2)
  expect(result.current.secondsLeft).toBe(30)
})
