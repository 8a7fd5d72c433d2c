import Taro from '@tarojs/taro'
import { clearStorageForTest } from '../__mocks__/taro'
import { authStore } from '../../src/api/auth'
import { ApiError, decodeError, request } from '../../src/api/client'

type Call = { url: string; method: string; header: Record<string, string>; data?: string }
const requestMock = Taro.request as unknown as jest.Mock
const loginMock = Taro.login as unknown as jest.Mock

const json = (statusCode: number, body: unknown) => ({ statusCode, data: JSON.stringify(body), header: {} })
const calls = (): Call[] => requestMock.mock.calls.map(([opts]) => opts as Call)

beforeEach(() => {
  requestMock.mockReset()
  loginMock.mockReset()
  clearStorageForTest()
})

describe('decodeError', () => {
  it('reads the error envelope into a typed ApiError', () => {
    const error = decodeError(409, { error: { code: 'POINTS_INSUFFICIENT', message: '积分不足', details: { need: 10 }, requestId: 'req-1' } })
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'POINTS_INSUFFICIENT', message: '积分不足', details: { need: 10 }, requestId: 'req-1' })
  })

  it('parses an envelope that arrives as text', () => {
    expect(decodeError(404, '{"error":{"code":"COUPON_NOT_FOUND","message":"no"}}').code).toBe('COUPON_NOT_FOUND')
  })

  it('does not trust unknown codes or bodies without an envelope', () => {
    expect(decodeError(500, { error: { code: 'SOMETHING_NEW', message: 'x' } }).code).toBe('UNEXPECTED_RESPONSE')
    expect(decodeError(502, '<html>Bad Gateway</html>')).toMatchObject({ code: 'UNEXPECTED_RESPONSE', message: 'HTTP 502' })
  })
})

describe('request', () => {
  it('sends the member token and base URL, and throws the decoded error on a 4xx', async () => {
    authStore.setMemberToken('tok-1')
    requestMock.mockResolvedValueOnce(json(400, { error: { code: 'VALIDATION_FAILED', message: 'orderNo is required' } }))
    await expect(request('/api/v1/members/me')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 })
    expect(calls()[0]).toMatchObject({ url: 'http://api.test/api/v1/members/me', method: 'GET', header: { Authorization: 'Bearer tok-1' } })
  })

  it('keeps member and staff tokens apart', async () => {
    authStore.setMemberToken('member-tok')
    authStore.setStaffToken('staff-tok')
    requestMock.mockResolvedValue(json(200, { ok: true }))
    await request('/api/v1/staff/members/lookup', { auth: 'staff', query: { code: 'ABC' } })
    expect(calls()[0]?.header.Authorization).toBe('Bearer staff-tok')
    expect(calls()[0]?.url).toBe('http://api.test/api/v1/staff/members/lookup?code=ABC')
  })

  it('reuses the same Idempotency-Key when it resends after a network failure', async () => {
    authStore.setMemberToken('tok')
    requestMock.mockRejectedValueOnce({ errMsg: 'request:fail timeout' }).mockResolvedValueOnce(json(201, { date: '2025-01-01' }))
    await expect(request('/api/v1/checkins', { method: 'POST', body: {}, idempotencyKey: 'key-12345678' })).resolves.toEqual({ date: '2025-01-01' })
    expect(calls()).toHaveLength(2)
    expect(calls().map((c) => c.header['Idempotency-Key'])).toEqual(['key-12345678', 'key-12345678'])
  })

  it('does not resend a POST without an idempotency key', async () => {
    authStore.setMemberToken('tok')
    requestMock.mockRejectedValueOnce({ errMsg: 'request:fail' })
    await expect(request('/api/v1/anything', { method: 'POST', body: {} })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(calls()).toHaveLength(1)
  })

  it('logs in once for two concurrent 401s, then retries both with the new token and the same keys', async () => {
    authStore.setMemberToken('expired')
    loginMock.mockResolvedValue({ code: 'wx-code-1' })
    requestMock.mockImplementation(async ({ url, header }: Call) => {
      if (url.endsWith('/api/v1/auth/wechat')) {
        await new Promise((r) => setTimeout(r, 5))
        return json(200, { token: 'fresh', member: null })
      }
      return header.Authorization === 'Bearer fresh' ? json(200, { url }) : json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } })
    })

    const [a, b] = await Promise.all([
      request('/api/v1/members/me'),
      request('/api/v1/checkins', { method: 'POST', body: {}, idempotencyKey: 'checkin-key-1' }),
    ])

    expect(a).toEqual({ url: 'http://api.test/api/v1/members/me' })
    expect(b).toEqual({ url: 'http://api.test/api/v1/checkins' })
    expect(loginMock).toHaveBeenCalledTimes(1)
    expect(calls().filter((c) => c.url.endsWith('/api/v1/auth/wechat'))).toHaveLength(1)
    expect(JSON.parse(calls().find((c) => c.url.endsWith('/auth/wechat'))?.data ?? '{}')).toEqual({ code: 'wx-code-1' })
    const checkins = calls().filter((c) => c.url.endsWith('/api/v1/checkins'))
    expect(checkins.map((c) => c.header['Idempotency-Key'])).toEqual(['checkin-key-1', 'checkin-key-1'])
    expect(authStore.memberToken()).toBe('fresh')
  })

  it('logs in before the first member request when there is no token', async () => {
    loginMock.mockResolvedValue({ code: 'c' })
    requestMock.mockImplementation(async ({ url }: Call) =>
      url.endsWith('/auth/wechat') ? json(200, { token: 't', member: null }) : json(200, { ok: 1 }),
    )
    await request('/api/v1/members/me')
    expect(calls().map((c) => c.url)).toEqual(['http://api.test/api/v1/auth/wechat', 'http://api.test/api/v1/members/me'])
  })

  it('surfaces a failed login as its decoded error', async () => {
    loginMock.mockResolvedValue({ code: 'bad' })
    requestMock.mockResolvedValue(json(401, { error: { code: 'WECHAT_CODE_INVALID', message: 'invalid code' } }))
    await expect(request('/api/v1/members/me')).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' })
  })

  it('drops the staff session on a staff 401 instead of logging in as a member', async () => {
    authStore.setStaffToken('old-staff')
    requestMock.mockResolvedValue(json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }))
    await expect(request('/api/v1/staff/purchases', { method: 'POST', auth: 'staff', body: {} })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(loginMock).not.toHaveBeenCalled()
    expect(authStore.staffToken()).toBeNull()
  })
})
