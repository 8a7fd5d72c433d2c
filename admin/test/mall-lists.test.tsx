import type { CountedPage, CouponTemplate, StaffReward } from '@huiyuan/shared-types'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { authStore } from '../src/api/auth'
import { CouponTemplateSelect } from '../src/components/CouponTemplateSelect'
import { CouponTemplatesPage, templateListQuery } from '../src/pages/coupon-templates/CouponTemplatesPage'
import { rewardListQuery, RewardsPage } from '../src/pages/rewards/RewardsPage'
import { tierListQuery } from '../src/pages/tiers/TiersPage'
import { fakeServer, renderConsole, type RecordedRequest } from './render'

const reward = (i: number): StaffReward => ({
  id: i,
  title: `商品${i}`,
  description: '',
  pointsPrice: i * 100,
  stockLeft: i,
  perMemberLimit: 0,
  imageUrl: null,
  couponTemplate: { id: 1, kind: 'cash', faceText: '满50减10', validityText: '领取后30天内有效', storesText: '全部门店可用' },
  minTier: null,
  stock: 50,
  redeemed: 50 - i,
  minTierRank: null,
  sortOrder: i,
  onAt: null,
  offAt: null,
  active: true,
})

const template = (i: number): CouponTemplate => ({
  id: i,
  title: `模板${i}`,
  kind: 'cash',
  faceText: `${i}元无门槛`,
  amountCents: i * 100,
  minSpendCents: 0,
  ratePercent: null,
  capCents: null,
  giftDescription: null,
  validity: { kind: 'relative', days: 30, startsNextDay: false },
  validityText: '领取后30天内有效',
  storeScope: 'all',
  storeCodes: [],
  storesText: '全部门店可用',
  totalStock: null,
  issuedCount: 0,
  perMemberLimit: null,
  perMemberDailyLimit: null,
  minTierRank: null,
  usageNotes: '',
  active: true,
  ownerStore: null,
})

/** Answers a list route with the page its cursor and limit ask for, out of `all`. */
function paged<T>(all: T[], url: URL): CountedPage<T> {
  const offset = Number(url.searchParams.get('cursor') ?? 0)
  const limit = Number(url.searchParams.get('limit') ?? 20)
  return { items: all.slice(offset, offset + limit), total: all.length, nextCursor: offset + limit < all.length ? String(offset + limit) : null }
}

function consoleServer(rewards: StaffReward[], templates: CouponTemplate[]): RecordedRequest[] {
  return fakeServer((req) => {
    if (req.url.pathname === '/api/v1/staff/rewards') return [200, paged(rewards, req.url)]
    if (req.url.pathname === '/api/v1/staff/coupon-templates') {
      const q = req.url.searchParams.get('q')
      return [200, paged(q ? templates.filter((t) => t.title.includes(q)) : templates, req.url)]
    }
    if (req.url.pathname === '/api/v1/staff/tiers') return [200, { items: [], total: 0, nextCursor: null }]
    return [200, []]
  })
}

const calls = (requests: RecordedRequest[], path: string) => requests.filter((r) => r.url.pathname === path).map((r) => Object.fromEntries(r.url.searchParams))

describe('mall and template lists (server-side paging)', () => {
  beforeEach(() => authStore.signIn({ token: 't', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部', role: 'hq_admin', store: null, mustChangePassword: false } }))
  afterEach(() => authStore.signOut())

  it('asks for the first page of the mall in its own order and shows the total; Enter in the focused search asks again from page 1', async () => {
    const requests = consoleServer(Array.from({ length: 26 }, (_, i) => reward(i + 1)), [])
    renderConsole(<RewardsPage />)
    expect(await screen.findByText('共 26 件商品')).toBeInTheDocument()
    expect(screen.getByText('商品1')).toBeInTheDocument()
    expect(screen.queryByText('商品21')).toBeNull()
    expect(calls(requests, '/api/v1/staff/rewards')[0]).toEqual({ cursor: '0', limit: '20' })
    expect(screen.getByLabelText('搜索商品')).toHaveFocus()
    await userEvent.keyboard('商品2{Enter}')
    await waitFor(() => expect(calls(requests, '/api/v1/staff/rewards').at(-1)).toMatchObject({ q: '商品2', cursor: '0' }))
  })

  it('says what to do when the mall is empty', async () => {
    consoleServer([], [])
    renderConsole(<RewardsPage />)
    expect(await screen.findByText('积分商城还没有商品，点击右上角“新建商品”上架第一件')).toBeInTheDocument()
  })

  it('pages the templates newest first and shows the total', async () => {
    const requests = consoleServer([], Array.from({ length: 23 }, (_, i) => template(i + 1)))
    renderConsole(<CouponTemplatesPage />)
    expect(await screen.findByText('共 23 个券模板')).toBeInTheDocument()
    expect(calls(requests, '/api/v1/staff/coupon-templates')[0]).toMatchObject({ sort: 'newest', cursor: '0', limit: '20' })
    await userEvent.click(within(screen.getByRole('list')).getByTitle('2'))
    await waitFor(() => expect(calls(requests, '/api/v1/staff/coupon-templates').at(-1)).toMatchObject({ cursor: '20' }))
    expect(await screen.findByText('模板21')).toBeInTheDocument()
  })

  it('searches templates on the server as the picker is typed in', async () => {
    const requests = consoleServer([], Array.from({ length: 60 }, (_, i) => template(i + 1)))
    const onChange = jest.fn()
    renderConsole(<CouponTemplateSelect aria-label="券模板" onChange={onChange} />)
    await waitFor(() => expect(calls(requests, '/api/v1/staff/coupon-templates')[0]).toMatchObject({ status: 'active', limit: '50' }))
    await userEvent.type(screen.getByRole('combobox'), '模板55')
    await waitFor(() => expect(calls(requests, '/api/v1/staff/coupon-templates').at(-1)).toMatchObject({ q: '模板55', status: 'active' }))
    await userEvent.click(await screen.findByText('模板55（55元无门槛，领取后30天内有效）'))
    expect(onChange).toHaveBeenCalledWith(55)
  })

  it.each<[string, unknown, object]>([
    ['reward page 2 by points, unlisted only', rewardListQuery({ current: 2, pageSize: 20, q: '咖啡' }, { pointsPrice: 'descend' }, { status: ['inactive'] }), { q: '咖啡', cursor: '20', sort: 'points_desc', status: 'inactive' }],
    ['reward stock sort', rewardListQuery({}, { stockLeft: 'ascend' }, {}), { sort: 'stock_left_asc', cursor: '0' }],
    ['template filters', templateListQuery({}, {}, { kind: ['discount'], status: ['active'], owner: ['store'] }), { kind: 'discount', status: 'active', owner: 'store', sort: 'newest' }],
    ['template title sort', templateListQuery({ current: 3, pageSize: 10 }, { title: 'ascend' }, {}), { sort: 'title', cursor: '20', limit: 10 }],
    ['tiers by entry growth', tierListQuery({}, { entryGrowth: 'descend' }), { sort: 'entry_growth_desc', cursor: '0' }],
    ['tiers by rank, highest first', tierListQuery({}, { rank: 'descend' }), { sort: 'rank_desc' }],
  ])('maps %s to the server query', (_what, query, expected) => {
    expect(query).toMatchObject(expected)
  })
})
