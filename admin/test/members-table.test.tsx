import type { CountedPage, MemberListItem } from '@huiyuan/shared-types'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { authStore } from '../src/api/auth'
import { memberListQuery, MembersPage } from '../src/pages/members/MembersPage'
import { fakeServer, renderConsole, type RecordedRequest } from './render'

const member = (i: number): MemberListItem => ({
  id: i,
  cardNo: `8000000000${String(i).padStart(2, '0')}`,
  nickname: `顾客${i}`,
  phoneMasked: null,
  tier: { code: 'BASE', name: '普通会员', rank: 1, discountPercent: 100 },
  points: i * 10,
  growth: 0,
  lastVisitAt: null,
  tags: [],
  joinStore: { code: 'S001', name: '静安旗舰店' },
  maintainingClerk: null,
  joinedAt: '2026-11-20T02:00:00Z',
})

/** 45 members; answers the list route with the page the cursor and limit ask for. */
function memberServer(): RecordedRequest[] {
  const all = Array.from({ length: 45 }, (_, i) => member(i + 1))
  return fakeServer((req) => {
    if (req.url.pathname === '/api/v1/staff/members') {
      const offset = Number(req.url.searchParams.get('cursor') ?? 0)
      const limit = Number(req.url.searchParams.get('limit') ?? 20)
      const page: CountedPage<MemberListItem> = { items: all.slice(offset, offset + limit), total: all.length, nextCursor: offset + limit < all.length ? String(offset + limit) : null }
      return [200, page]
    }
    if (req.url.pathname === '/api/v1/staff/staff-accounts') return [200, { items: [], total: 0, nextCursor: null }]
    return [200, []]
  })
}

const listCalls = (requests: RecordedRequest[]) => requests.filter((r) => r.url.pathname === '/api/v1/staff/members').map((r) => Object.fromEntries(r.url.searchParams))

describe('member list', () => {
  beforeEach(() => authStore.signIn({ token: 't', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部', role: 'hq_admin', store: null, mustChangePassword: false } }))
  afterEach(() => authStore.signOut())

  it('asks the server for the first page, newest members first, and shows the total', async () => {
    const requests = memberServer()
    renderConsole(<MembersPage />)
    expect(await screen.findByText('共 45 位会员')).toBeInTheDocument()
    expect(screen.getByText('800000000001')).toBeInTheDocument()
    expect(screen.queryByText('800000000021')).toBeNull()
    expect(listCalls(requests)[0]).toEqual({ cursor: '0', limit: '20', sort: 'joined_desc' })
  })

  it('has the search field focused; Enter searches from the first page', async () => {
    const requests = memberServer()
    renderConsole(<MembersPage />)
    await screen.findByText('共 45 位会员')
    expect(screen.getByLabelText('搜索会员')).toHaveFocus()
    await userEvent.keyboard('顾客4{Enter}')
    await waitFor(() => expect(listCalls(requests).at(-1)).toMatchObject({ q: '顾客4', cursor: '0' }))
  })

  it.each<[string, Parameters<typeof memberListQuery>, object]>([
    ['page 3 of 20', [{ current: 3, pageSize: 20 }, {}, {}], { cursor: '40', limit: 20 }],
    ['sorted by points', [{}, { points: 'descend' }, {}], { sort: 'points_desc', cursor: '0' }],
    ['column filters', [{}, {}, { tierCode: ['GOLD'], storeCode: ['S002'], clerkId: ['7'] }], { tierCode: 'GOLD', storeCode: 'S002', clerkId: 7 }],
    ['HQ scope as the store filter', [{ scope: 'R1' }, {}, {}], { storeCode: 'R1' }],
    ['a column filter over the scope', [{ scope: 'R1' }, {}, { storeCode: ['S001'] }], { storeCode: 'S001' }],
    ['the search text', [{ q: '小林' }, {}, {}], { q: '小林' }],
  ])('maps %s to the server query', (_what, args, expected) => {
    expect(memberListQuery(...args)).toMatchObject(expected)
  })
})
