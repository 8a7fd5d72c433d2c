import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, render, screen } from '@testing-library/react'
import { ApiError } from '../../src/api/client'
import { MemberCodePanel } from '../../src/components/MemberCodePanel'
import { MonthCalendar, shiftMonth } from '../../src/components/MonthCalendar'
import { PageState } from '../../src/components/PageState'

describe('PageState', () => {
  it('shows the zh-CN message of an API error, never its code or English message, and retries on tap', () => {
    const onRetry = jest.fn()
    const { container } = render(<PageState error={new ApiError(409, 'POINTS_INSUFFICIENT', 'Not enough points: 500 needed')} onRetry={onRetry} />)
    expect(screen.getByText('积分不足')).toBeTruthy()
    expect(container.textContent).not.toMatch(/POINTS_INSUFFICIENT|Not enough/)
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('turns NOT_A_MEMBER into a join prompt, with no retry that could never succeed', () => {
    const { container } = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <PageState error={new ApiError(403, 'NOT_A_MEMBER', 'Join the membership first')} onRetry={() => undefined} />
      </QueryClientProvider>,
    )
    expect(screen.getByText('立即加入')).toBeTruthy()
    expect(container.textContent).not.toMatch(/重试|NOT_A_MEMBER|Join/)
  })

  it('shows loading text', () => {
    render(<PageState loading />)
    expect(screen.getByText('加载中…')).toBeTruthy()
  })
})

describe('MemberCodePanel', () => {
  it('renders the code, both images and the countdown', () => {
    const { container } = render(
      <MemberCodePanel
        state={{
          code: { code: 'HY123456', expiresAt: '', validForMs: 30_000, qrPng: 'data:image/png;base64,QR', barcodePng: 'data:image/png;base64,BAR' },
          error: null,
          loading: false,
          secondsLeft: 42,
          refresh: () => undefined,
        }}
      />,
    )
    expect(screen.getByText('HY123456')).toBeTruthy()
    expect(screen.getByText('42 秒后自动刷新')).toBeTruthy()
    const html = container.innerHTML
    expect(html).toContain('data:image/png;base64,QR')
    expect(html).toContain('data:image/png;base64,BAR')
  })
})

describe('MonthCalendar', () => {
  it('marks checked days and starts on the right weekday', () => {
    const { container } = render(
      <MonthCalendar month='2025-06' today='2025-06-03' checkedDays={['2025-06-01', '2025-06-02']} weekdays={['日', '一', '二', '三', '四', '五', '六']} />,
    )
    const checked = Array.from(container.querySelectorAll('[data-checked="1"]')).map((el) => el.getAttribute('data-date'))
    expect(checked).toEqual(['2025-06-01', '2025-06-02'])
    // 1 June 2025 is a Sunday: no blank cells before it; 30 day cells in all.
    expect(container.querySelectorAll('[data-date]')).toHaveLength(30)
    expect(screen.getByText('3')).toBeTruthy()
  })

  it('shifts months across years', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12')
    expect(shiftMonth('2024-12', 1)).toBe('2025-01')
  })
})
