import Taro from '@tarojs/taro'
import { clearStorageForTest } from '../__mocks__/taro'
import { authStore } from '../../src/api/auth'
import { subscriptionsApi } from '../../src/api/endpoints/subscriptions'
import { copy, outcomeText } from '../../src/components/SubscribeButton/copy'
import { confirmationPollMs, reportOutcome } from '../../src/api/hooks/subscriptions'

const requestMock = Taro.request as unknown as jest.Mock
const subscribeMock = Taro.requestSubscribeMessage as unknown as jest.Mock
const ORIGINAL_ENV = process.env.TARO_ENV

beforeEach(() => {
  requestMock.mockReset()
  subscribeMock.mockReset()
  clearStorageForTest()
})
afterAll(() => {
  process.env.TARO_ENV = ORIGINAL_ENV
})

it('in the mini-program asks WeChat and keeps only the answers per template id', async () => {
  process.env.TARO_ENV = 'weapp'
  subscribeMock.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', tplA: 'accept', tplB: 'reject', tplC: 'filter' })
  await expect(subscriptionsApi.request(['tplA', 'tplB', 'tplC'])).resolves.toEqual({ kind: 'answered', results: { tplA: 'accept', tplB: 'reject', tplC: 'filter' } })
  expect(subscribeMock).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tplA', 'tplB', 'tplC'] }))
})

it('turns WeChat client errors (main switch off) into an outcome with the errCode', async () => {
  process.env.TARO_ENV = 'weapp'
  subscribeMock.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
  await expect(subscriptionsApi.request(['tplA'])).resolves.toEqual({ kind: 'error', errCode: 20004 })
})

it('in H5 the sandbox answers for WeChat, with the chosen development answer', async () => {
  process.env.TARO_ENV = 'h5'
  requestMock.mockImplementation(async ({ data }: { data: string }) => {
    const body = JSON.parse(data) as { templateIds: string[]; answers: Record<string, string>; errCode?: number }
    if (body.errCode) return { statusCode: 400, data: JSON.stringify({ errcode: body.errCode, errmsg: 'fail' }) }
    return { statusCode: 200, data: JSON.stringify({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(body.templateIds.map((id) => [id, body.answers[id] ?? 'accept'])) }) }
  })
  await expect(subscriptionsApi.request(['tplA'])).resolves.toEqual({ kind: 'answered', results: { tplA: 'accept' } })
  await expect(subscriptionsApi.request(['tplA'], { reject: true })).resolves.toEqual({ kind: 'answered', results: { tplA: 'reject' } })
  await expect(subscriptionsApi.request(['tplA'], { errCode: 20005 })).resolves.toEqual({ kind: 'error', errCode: 20005 })
})

it("tells the server of a 20005 (the app may be banned) and of answers, never of 20004 (the member's own switch)", async () => {
  process.env.TARO_ENV = 'weapp'
  authStore.setMemberToken('tok')
  const view = { items: [], moments: { checkin: [], redeem: [], card: [] } }
  requestMock.mockResolvedValue({ statusCode: 200, data: JSON.stringify(view) })
  await expect(reportOutcome({ kind: 'error', errCode: 20004 })).resolves.toBeNull()
  expect(requestMock).not.toHaveBeenCalled()
  await expect(reportOutcome({ kind: 'error', errCode: 20005 })).resolves.toEqual(view)
  await expect(reportOutcome({ kind: 'answered', results: { tplA: 'accept' } })).resolves.toEqual(view)
  const sent = requestMock.mock.calls.map(([options]: [{ url: string; method: string; data: string }]) => ({ url: options.url, method: options.method, body: JSON.parse(options.data) as unknown }))
  expect(sent).toEqual([
    { url: expect.stringMatching(/\/api\/v1\/subscriptions\/reports$/), method: 'POST', body: { errCode: 20005 } },
    { url: expect.stringMatching(/\/api\/v1\/subscriptions\/reports$/), method: 'POST', body: { results: { tplA: 'accept' } } },
  ])
})

it('says in Chinese what happened, never an error code alone', () => {
  expect(outcomeText({ a: 'accept', b: 'reject' })).toBe(copy.thanks)
  expect(outcomeText({ a: 'reject' })).toBe(copy.rejected)
  expect(outcomeText({ a: 'filter' })).toBe(copy.filtered)
  expect(copy.error(20004)).toContain('总开关')
  expect(copy.error(20005)).not.toMatch(/\d{5}/)
})

describe('waiting for WeChat to confirm an accept', () => {
  const item = (unconfirmed: number, lastAcceptedAt: string | null) => ({ templateId: 1, wechatTemplateId: 'tplA', code: null, title: '会员活动通知', purpose: 'campaign' as const, remaining: 1, unconfirmed, status: 'active' as const, lastAcceptedAt })
  const now = Date.parse('2026-12-01T04:00:30Z')
  it('asks again every 2 s while a fresh accept is unconfirmed, and stops once confirmed or after a minute', () => {
    const view = (i: ReturnType<typeof item>) => ({ items: [i], moments: { checkin: [], redeem: [], card: [] } })
    expect(confirmationPollMs(view(item(1, '2026-12-01T04:00:00Z')), now)).toBe(2000)
    expect(confirmationPollMs(view(item(0, '2026-12-01T04:00:00Z')), now)).toBe(false)
    // No push URL configured (or WeChat never answered): the page does not poll forever.
    expect(confirmationPollMs(view(item(1, '2026-12-01T03:58:00Z')), now)).toBe(false)
    expect(confirmationPollMs(undefined, now)).toBe(false)
  })
})
