import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { clearStorageForTest } from '../__mocks__/taro'
import { authStore } from '../../src/api/auth'
import { WechatBindingPanel } from '../../src/packages/staff/counter-wechat'
import { wechatCopy } from '../../src/packages/staff/copy'
import { mayReceiveTestSends } from '../../src/packages/staff/forms'

const requestMock = Taro.request as unknown as jest.Mock
const loginMock = Taro.login as unknown as jest.Mock
const subscribeMock = Taro.requestSubscribeMessage as unknown as jest.Mock
const toastMock = Taro.showToast as unknown as jest.Mock
const modalMock = Taro.showModal as unknown as jest.Mock

const TEMPLATES = [
  { wechatTemplateId: 'tplActivity', title: '会员活动通知' },
  { wechatTemplateId: 'tplArrival', title: '新品上市通知' },
]

interface Call {
  method: string
  path: string
  body: unknown
  auth: string | undefined
}

/** The server at the network edge: the staff member's binding, which the calls change as the real one does. */
function fakeServer(start: { openid: string | null; templates?: typeof TEMPLATES; failGet?: boolean; bindStatus?: number }): Call[] {
  const calls: Call[] = []
  let openid = start.openid
  const view = () => ({ bound: openid !== null, openidMasked: openid ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : null, testTemplates: start.templates ?? TEMPLATES })
  requestMock.mockImplementation(async ({ url, method, data, header }: { url: string; method: string; data?: string; header: Record<string, string> }) => {
    const path = new URL(url).pathname
    calls.push({ method, path, body: data ? JSON.parse(data) : null, auth: header.Authorization })
    const answer = (status: number, body: unknown) => ({ statusCode: status, data: JSON.stringify(body) })
    if (path !== '/api/v1/staff/me/wechat') return answer(404, { error: { code: 'ROUTE_NOT_FOUND', message: 'no' } })
    if (method === 'GET') return start.failGet ? answer(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'Database unavailable' } }) : answer(200, view())
    if (method === 'POST') {
      if (start.bindStatus === 409) return answer(409, { error: { code: 'CONFLICT', message: 'This WeChat account is already bound to another staff account' } })
      openid = 'wx-openid-of-this-phone'
      return answer(200, view())
    }
    openid = null
    return answer(200, view())
  })
  return calls
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <WechatBindingPanel staffId={1} />
    </QueryClientProvider>,
  )
}

const toastTitles = () => toastMock.mock.calls.map((c) => (c[0] as { title: string }).title)

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  clearStorageForTest()
  for (const m of [requestMock, loginMock, subscribeMock, toastMock]) m.mockReset()
  modalMock.mockClear()
  loginMock.mockResolvedValue({ code: 'wx-login-code' })
  authStore.setStaffToken('staff-token')
})

describe('我的微信 in the counter tool', () => {
  it('binds the WeChat it runs in with a fresh wx.login code, as the signed-in staff member', async () => {
    const calls = fakeServer({ openid: null })
    renderPanel()
    await screen.findByText(wechatCopy.unbound)
    // Nothing to subscribe before a WeChat is bound: a test send could not reach anyone.
    expect(screen.queryByText(wechatCopy.subscribe)).toBeNull()
    fireEvent.click(screen.getByText(wechatCopy.bind))
    await screen.findByText(wechatCopy.bound('wx-o…hone'))
    expect(loginMock).toHaveBeenCalledTimes(1)
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', path: '/api/v1/staff/me/wechat', body: { code: 'wx-login-code' }, auth: 'Bearer staff-token' }])
    expect(toastTitles()).toContain(wechatCopy.boundToast)
    expect(screen.getByText(wechatCopy.rebind)).toBeTruthy()
    expect(screen.getByText(wechatCopy.unbind)).toBeTruthy()
  })

  it('asks WeChat for the campaign templates (at most 3) from a tap, and reports nothing to the members’ ledger', async () => {
    const calls = fakeServer({ openid: 'wx-openid-of-this-phone' })
    subscribeMock.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', tplActivity: 'accept', tplArrival: 'accept' })
    renderPanel()
    fireEvent.click(await screen.findByText(wechatCopy.subscribe))
    await waitFor(() => expect(toastTitles()).toContain(wechatCopy.subscribed))
    expect(subscribeMock).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tplActivity', 'tplArrival'] }))
    expect(calls.every((c) => c.path === '/api/v1/staff/me/wechat')).toBe(true)
  })

  it('says so when the staff member refuses in WeChat’s pop-up, or WeChat’s main switch is off', async () => {
    fakeServer({ openid: 'wx-openid-of-this-phone' })
    subscribeMock.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', tplActivity: 'reject', tplArrival: 'reject' })
    subscribeMock.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
    renderPanel()
    fireEvent.click(await screen.findByText(wechatCopy.subscribe))
    await waitFor(() => expect(toastTitles()).toContain(wechatCopy.rejected))
    fireEvent.click(screen.getByText(wechatCopy.subscribe))
    await waitFor(() => expect(toastTitles().some((t) => t.includes('总开关'))).toBe(true))
  })

  it('unbinds after a confirmation, and not without one', async () => {
    const calls = fakeServer({ openid: 'wx-openid-of-this-phone' })
    renderPanel()
    modalMock.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(await screen.findByText(wechatCopy.unbind))
    await waitFor(() => expect(modalMock).toHaveBeenCalledTimes(1))
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
    fireEvent.click(screen.getByText(wechatCopy.unbind))
    await screen.findByText(wechatCopy.unbound)
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1)
    expect(screen.getByText(wechatCopy.bind)).toBeTruthy()
  })

  it('says in Chinese that this WeChat belongs to another staff account, and stays unbound', async () => {
    fakeServer({ openid: null, bindStatus: 409 })
    const { container } = renderPanel()
    fireEvent.click(await screen.findByText(wechatCopy.bind))
    await waitFor(() => expect(toastTitles()).toContain(wechatCopy.takenByOther))
    expect(screen.getByText(wechatCopy.unbound)).toBeTruthy()
    expect(container.textContent).not.toMatch(/CONFLICT|already bound/)
  })

  it('explains when HQ has no campaign template to accept yet', async () => {
    fakeServer({ openid: 'wx-openid-of-this-phone', templates: [] })
    renderPanel()
    await screen.findByText(wechatCopy.noTemplates)
    expect(screen.queryByText(wechatCopy.subscribe)).toBeNull()
  })

  it('shows a failed read in Chinese with a retry', async () => {
    fakeServer({ openid: null, failGet: true })
    const { container } = renderPanel()
    await screen.findByText('重试')
    expect(container.textContent).not.toMatch(/SERVICE_UNAVAILABLE|Database/)
  })

  it('is offered to HQ, who send campaign tests, not to store staff', () => {
    expect([mayReceiveTestSends('hq_admin'), mayReceiveTestSends('store_manager'), mayReceiveTestSends('clerk')]).toEqual([true, false, false])
  })
})
