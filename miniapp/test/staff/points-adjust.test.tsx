import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import Taro, { useRouter } from '@tarojs/taro'
import type { AdjustPointsResult, MemberSummary, StaffProfile } from '@huiyuan/shared-types'
import { authStore } from '../../src/api/auth'
import { ApiError } from '../../src/api/client'
import { staffApi } from '../../src/api/endpoints/staff'
import PointsAdjustPage from '../../src/packages/staff/points-adjust'

const member = { id: 7, cardNo: '812345678901', nickname: '小林', tier: { code: 'BASE', name: '普通会员', rank: 1, discountPercent: 100 }, points: 100 } as MemberSummary
const hq = { id: 1, username: 'demo-hq', displayName: '总部管理员', role: 'hq_admin', store: null } as unknown as StaffProfile

// Taro's <Input> is a Stencil element whose inner <input> jsdom never renders; a plain input stands in.
interface MockInputProps {
  value?: string
  placeholder?: string
  onInput?: (e: { detail: { value: string } }) => void
}
jest.mock('@tarojs/components', () => {
  const { createElement } = jest.requireActual<typeof import('react')>('react')
  return {
    ...jest.requireActual<object>('@tarojs/components'),
    Input: ({ value, placeholder, onInput }: MockInputProps) =>
      createElement('input', { value, placeholder, onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) }),
  }
})

function type(container: HTMLElement, field: string, value: string) {
  fireEvent.change(container.querySelector(`[data-field="${field}"] input`) as HTMLInputElement, { target: { value } })
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <PointsAdjustPage />
    </QueryClientProvider>,
  )
}

beforeEach(() => {
  authStore.setStaffToken('staff-token')
  authStore.setStaffProfileJson(JSON.stringify(hq))
  jest.mocked(useRouter).mockReturnValue({ params: { cardNo: member.cardNo } } as unknown as ReturnType<typeof useRouter>)
  jest.spyOn(staffApi, 'lookup').mockResolvedValue(member)
  jest.spyOn(staffApi, 'memberLedger').mockResolvedValue({ items: [], nextCursor: null })
  jest.mocked(Taro.showModal).mockClear()
})
afterEach(() => jest.restoreAllMocks())

it('asks once and adjusts once for a double tap, then shows the new balance', async () => {
  let answer: (r: AdjustPointsResult) => void = () => undefined
  const adjust = jest.spyOn(staffApi, 'adjustPoints').mockImplementation(() => new Promise((resolve) => (answer = resolve)))
  const { container } = renderPage()
  await screen.findByText(member.cardNo)

  type(container, 'points', '50')
  type(container, 'reason', '补录消费')
  const submit = screen.getByText('提交调整')
  fireEvent.click(submit)
  fireEvent.click(submit)
  await waitFor(() => expect(adjust).toHaveBeenCalledTimes(1))
  expect(Taro.showModal).toHaveBeenCalledTimes(1)
  expect(jest.mocked(Taro.showModal).mock.calls[0]?.[0]).toMatchObject({ content: '为会员 小林（812345678901） 增加 50 积分，调整后余额 150。' })
  expect(adjust).toHaveBeenCalledWith(7, { delta: 50, reason: '补录消费' }, expect.stringMatching(/^[0-9a-f-]{36}$/))

  await act(async () => answer({ balance: 150 }))
  await screen.findByText('已增加 50 积分，当前余额 150')
  expect(screen.getByText('150')).toBeTruthy()
})

it('resends a failed attempt with the same Idempotency-Key', async () => {
  const adjust = jest.spyOn(staffApi, 'adjustPoints').mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'timeout')).mockResolvedValueOnce({ balance: 90 })
  const { container } = renderPage()
  await screen.findByText(member.cardNo)
  fireEvent.click(screen.getByText('扣减'))
  type(container, 'points', '10')
  type(container, 'reason', '误发积分')

  fireEvent.click(screen.getByText('提交调整'))
  await screen.findByText('网络连接失败，请检查网络后重试')
  fireEvent.click(screen.getByText('提交调整'))
  await screen.findByText('已扣减 10 积分，当前余额 90')
  const [first, second] = adjust.mock.calls
  expect(first?.[1]).toEqual({ delta: -10, reason: '误发积分' })
  expect(second?.[2]).toBe(first?.[2])
})

it('shows the server refusal of a deduction beyond the balance with the balance it has', async () => {
  jest.spyOn(staffApi, 'adjustPoints').mockRejectedValue(new ApiError(409, 'POINTS_INSUFFICIENT', 'Not enough points', { needed: 500, balance: 100 }))
  const { container } = renderPage()
  await screen.findByText(member.cardNo)
  fireEvent.click(screen.getByText('扣减'))
  type(container, 'points', '500')
  type(container, 'reason', '扣回误发')

  fireEvent.click(screen.getByText('提交调整'))
  await screen.findByText('积分不足：会员当前余额 100，不能扣减 500')
  expect(jest.mocked(Taro.showModal).mock.calls[0]?.[0]).toMatchObject({ content: '为会员 小林（812345678901） 扣减 500 积分，超过当前余额 100，余额不足时不会扣减。仍要提交吗？' })
})

it('checks the form before asking', async () => {
  const adjust = jest.spyOn(staffApi, 'adjustPoints')
  const { container } = renderPage()
  await screen.findByText(member.cardNo)
  type(container, 'points', '0')
  fireEvent.click(screen.getByText('提交调整'))
  await screen.findByText('请输入 1–1000000 之间的整数')
  expect(screen.getByText('请填写 2–100 个字的原因')).toBeTruthy()
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(adjust).not.toHaveBeenCalled()
})

it('drops a shown error once its field is right, and shows no new one before the next submit', async () => {
  const { container } = renderPage()
  await screen.findByText(member.cardNo)
  type(container, 'points', '0')
  fireEvent.click(screen.getByText('提交调整'))
  await screen.findByText('请输入 1–1000000 之间的整数')
  expect(screen.getByText('请填写 2–100 个字的原因')).toBeTruthy()

  type(container, 'points', '20')
  await waitFor(() => expect(screen.queryByText('请输入 1–1000000 之间的整数')).toBeNull())
  expect(screen.getByText('请填写 2–100 个字的原因')).toBeTruthy()
  // A newly wrong value waits for 提交调整.
  type(container, 'points', '2000000')
  expect(screen.queryByText('请输入 1–1000000 之间的整数')).toBeNull()
  type(container, 'reason', '补录消费')
  await waitFor(() => expect(screen.queryByText('请填写 2–100 个字的原因')).toBeNull())
})
