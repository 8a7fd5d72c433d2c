import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import type { Member360, MemberSummary } from '@huiyuan/shared-types'
import { queryKeys } from '../../src/api/query-keys'
import { mediaUrl, RewardImage } from '../../src/components/RewardImage'
import { MemberGlance } from '../../src/packages/staff/counter-glance'

describe('RewardImage', () => {
  const base = process.env.TARO_APP_API_BASE
  afterEach(() => {
    process.env.TARO_APP_API_BASE = base
  })

  it('puts an uploaded picture on the API origin and leaves HQ’s own address alone', () => {
    process.env.TARO_APP_API_BASE = 'https://api.example.com'
    expect(mediaUrl('/api/v1/reward-images/abc.png')).toBe('https://api.example.com/api/v1/reward-images/abc.png')
    expect(mediaUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg')
    const { container } = render(<RewardImage url='/api/v1/reward-images/abc.png' className='mall__img' />)
    expect(container.innerHTML).toContain('https://api.example.com/api/v1/reward-images/abc.png')
  })

  it('shows the gift icon on the brand cream when there is no picture', () => {
    const { container } = render(<RewardImage url={null} className='mall__img' />)
    expect(container.querySelector('.reward-image--blank')).toBeTruthy()
    expect(container.textContent).toBe('')
  })
})

describe('MemberGlance (the counter’s compact member 360)', () => {
  const member: MemberSummary = {
    id: 7,
    cardNo: '8800000007',
    nickname: '小林',
    phoneMasked: null,
    tier: { code: 'SILVER', name: '银卡会员', rank: 2, discountPercent: 98 },
    points: 320,
    growth: 1200,
    lastVisitAt: null,
    tags: ['新会员', '高价值'],
    joinStore: null,
    maintainingClerk: null,
  }
  const history = {
    purchases: [1, 2, 3, 4].map((i) => ({ id: i, orderNo: `O${i}`, storeName: '静安旗舰店', amountCents: 12800 * i, refundedCents: i === 1 ? 2800 : 0, points: 128 * i, at: `2026-03-0${i}T04:00:00.000Z` })),
    coupons: [
      { id: 1, title: '中杯饮品券', faceText: '饮品一杯', status: 'active', expiresAt: '2026-03-31T15:59:59.000Z', usedAt: null },
      { id: 2, title: '满50减10元券', faceText: '满50减10', status: 'used', expiresAt: '2026-03-31T15:59:59.000Z', usedAt: '2026-03-02T04:00:00.000Z' },
    ],
  } as unknown as Member360

  function renderWith(data: Member360 | null) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
    if (data) client.setQueryData(queryKeys.staff.member360(member.id), data)
    return render(
      <QueryClientProvider client={client}>
        <MemberGlance member={member} />
      </QueryClientProvider>,
    )
  }

  it('shows tags, no visit yet, the three latest purchases and only the coupons the member can use', () => {
    const { container } = renderWith(history)
    expect(screen.getByText('新会员')).toBeTruthy()
    expect(screen.getByText('高价值')).toBeTruthy()
    expect(screen.getByText('暂无到店记录')).toBeTruthy()
    const lines = Array.from(container.querySelectorAll('.staff__glance-line')).map((l) => l.textContent)
    expect(lines.filter((l) => l?.includes('静安旗舰店'))).toHaveLength(3)
    expect(lines.some((l) => l?.includes('¥128.00 · +128 积分（已退 ¥28.00）'))).toBe(true)
    expect(lines.some((l) => l?.startsWith('中杯饮品券 · 饮品一杯'))).toBe(true)
    expect(container.textContent).not.toContain('满50减10元券')
  })

  it('says so when there is no history, in Chinese', () => {
    const { container } = renderWith({ ...history, purchases: [], coupons: [] })
    expect(screen.getByText('暂无消费记录')).toBeTruthy()
    expect(screen.getByText('暂无可用券')).toBeTruthy()
    expect(container.textContent).not.toMatch(/[A-Za-z]{4,}/)
  })
})
