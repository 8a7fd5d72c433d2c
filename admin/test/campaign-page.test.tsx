import type { CampaignAudience, CampaignResults, CampaignView, MessageTemplateView } from '@huiyuan/shared-types'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import { authStore } from '../src/api/auth'
import { stateNotice } from '../src/pages/campaigns/campaign-copy'
import { CampaignPage } from '../src/pages/campaigns/CampaignPage'
import { fakeServer, renderConsole } from './render'

const template = (purpose: 'campaign' | 'service', active = true): MessageTemplateView => ({
  id: purpose === 'campaign' ? 8 : 1,
  wechatTemplateId: `tpl-${purpose}`,
  code: null,
  title: purpose === 'campaign' ? '会员活动通知' : '积分变动提醒',
  fields: [
    { key: 'thing1', type: 'thing', label: '活动名称' },
    { key: 'date3', type: 'date', label: '活动时间' },
  ],
  purpose,
  page: 'pages/home/index',
  active,
  appId: 'wx-sandbox',
  membersWithQuota: 0,
  remainingTotal: 0,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
})

const campaign = (over: Partial<CampaignView> = {}): CampaignView => ({
  id: 7,
  name: '双十二会员日',
  templateId: 8,
  templateTitle: '会员活动通知',
  fieldValues: { thing1: '{nickname}的会员日', date3: '{date}' },
  page: 'pages/home/index',
  segmentId: 3,
  segmentName: '活跃会员',
  couponTemplateId: null,
  sendAt: null,
  quietStart: '22:00',
  quietEnd: '08:00',
  weeklyCap: 2,
  holdoutPercent: 0,
  attributionDays: 7,
  status: 'draft',
  pauseReason: null,
  audienceSize: null,
  createdAt: '2026-12-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  ...over,
})

const results = (over: Partial<CampaignResults> = {}): CampaignResults => ({
  status: 'sending',
  pauseReason: null,
  quietUntil: null,
  total: 5,
  byStatus: { queued: 5 },
  failedByErrcode: [],
  opened: 0,
  couponsIssued: 0,
  couponsUsed: 0,
  attribution: null,
  ...over,
})

/** The console's API for one campaign page; `extra` answers the routes a test cares about. */
function serve(c: CampaignView, templates: MessageTemplateView[], extra: Record<string, [number, unknown]> = {}) {
  return fakeServer((req) => {
    const key = `${req.method} ${req.url.pathname}`
    if (extra[key]) return extra[key]
    if (key === 'GET /api/v1/staff/campaigns/7') return [200, c]
    if (key === 'GET /api/v1/staff/message-templates') return [200, templates]
    if (key === 'GET /api/v1/staff/segments') return [200, [{ id: 3, name: '活跃会员' }]]
    if (key === 'GET /api/v1/staff/campaign-placeholders') return [200, [{ name: 'nickname', label: '昵称' }]]
    if (key === 'GET /api/v1/staff/coupon-templates') return [200, { items: [], nextCursor: null, total: 0 }]
    return [404, { error: { code: 'NOT_FOUND', message: `no ${key}` } }]
  })
}

const renderPage = () => renderConsole(<Routes><Route path="/campaigns/:id" element={<CampaignPage />} /></Routes>, '/campaigns/7')

beforeEach(() => authStore.signIn({ token: 't', expiresAt: '2030-01-01T00:00:00Z', staff: { id: 1, username: 'demo-hq', displayName: '总部', role: 'hq_admin', store: null, mustChangePassword: false } }))
afterEach(() => authStore.signOut())

describe('what a marketer meets on a campaign', () => {
  it('says there is no campaign template yet and where to register one (a service template is not offered)', async () => {
    serve(campaign(), [template('service'), template('campaign', false)])
    renderPage()
    const alert = await screen.findByTestId('no-campaign-templates')
    expect(alert).toHaveTextContent('还没有可用的营销类消息模板')
    expect(screen.getByRole('link', { name: '消息模板' })).toHaveAttribute('href', '/message-templates')
  })

  it('warns that a segment reaches no one, and says why', async () => {
    const audience: CampaignAudience = { segmentSize: 3, withoutOpenid: 1, withoutQuota: 2, capped: 0, heldOut: 0, reachable: 0, samples: [] }
    serve(campaign(), [template('campaign')], { 'GET /api/v1/staff/campaigns/7/audience': [200, audience] })
    renderPage()
    await userEvent.click(await screen.findByRole('button', { name: '计算可触达人数' }))
    const warning = await screen.findByTestId('campaign-unreachable')
    expect(warning).toHaveTextContent('现在没有可触达的会员')
    expect(warning).toHaveTextContent('2 人未订阅该模板')
    expect(warning).toHaveTextContent('1 人没有微信身份')
  })

  it('shows the rendered samples under the fields’ own labels, and a skipped one in words', async () => {
    const audience: CampaignAudience = {
      segmentSize: 2, withoutOpenid: 0, withoutQuota: 0, capped: 0, heldOut: 0, reachable: 2,
      samples: [
        { memberId: 1, cardNo: '800000000001', nickname: '小王', data: { thing1: { value: '小王的会员日' }, date3: { value: '2026年12月12日' } }, problem: null },
        { memberId: 2, cardNo: '800000000002', nickname: '小李', data: null, problem: 'thing1 thing "…" is longer than 20 characters' },
      ],
    }
    serve(campaign(), [template('campaign')], { 'GET /api/v1/staff/campaigns/7/audience': [200, audience] })
    const { container } = renderPage()
    await userEvent.click(await screen.findByRole('button', { name: '计算可触达人数' }))
    const samples = await screen.findAllByTestId('campaign-sample')
    expect(samples[0]).toHaveTextContent('活动名称小王的会员日')
    expect(samples[1]).toHaveTextContent('「活动名称」填入后不符合该字段的要求（20 个字以内）')
    expect(container.textContent).not.toMatch(/longer than/)
  })

  it('tells HQ who has not bound WeChat where to bind it, in the server’s Chinese words', async () => {
    const notBound = { error: { code: 'VALIDATION_FAILED', message: 'staff: …', details: [{ field: 'staff', problems: ['您还没有绑定微信：请在小程序「门店员工入口 → 工作台 → 我的微信」里点「绑定本人微信」后再试发'] }] } }
    serve(campaign(), [template('campaign')], { 'POST /api/v1/staff/campaigns/7/test-send': [400, notBound] })
    renderPage()
    await userEvent.click(await screen.findByRole('button', { name: '试发给我' }))
    expect(await screen.findByText(/您还没有绑定微信：请在小程序「门店员工入口 → 工作台 → 我的微信」/)).toBeInTheDocument()
  })

  it('says messages wait for the end of the quiet hours, and until when', async () => {
    serve(campaign({ status: 'sending', startedAt: '2026-12-01T15:30:00Z', audienceSize: 5 }), [template('campaign')], {
      'GET /api/v1/staff/campaigns/7/results': [200, results({ quietUntil: '2026-12-02T00:00:00.000Z' })],
    })
    renderPage()
    const notice = await screen.findByTestId('campaign-state')
    await waitFor(() => expect(notice).toHaveTextContent('免打扰时段（22:00–08:00）：5 条消息排队中，将于 2026-12-02 08:00 后按发送速率逐步发出'))
  })

  it('explains a paused campaign with its reason, and offers resume', async () => {
    serve(campaign({ status: 'paused' }), [template('campaign')], {
      'GET /api/v1/staff/campaigns/7/results': [200, results({ status: 'paused', pauseReason: '由员工暂停', byStatus: { queued: 3, sent: 2 } })],
    })
    renderPage()
    await waitFor(() => expect(screen.getByTestId('campaign-state')).toHaveTextContent('已暂停（由员工暂停）：排队中的 3 条消息暂不发送'))
    expect(screen.getByRole('button', { name: '恢复' })).toBeInTheDocument()
  })
})

describe('stateNotice', () => {
  const at = { sendAt: '2026-12-12T02:00:00Z', quietStart: '22:00', quietEnd: '08:00' }
  const clock = (iso: string | null) => iso ?? '—'
  it('says what each state means, and nothing while sending normally or in a draft', () => {
    expect(stateNotice('draft', undefined, at, clock)).toBeNull()
    expect(stateNotice('sending', results(), at, clock)).toBeNull()
    expect(stateNotice('scheduled', undefined, at, clock)?.message).toContain('将于 2026-12-12T02:00:00Z 开始')
    expect(stateNotice('cancelled', results({ status: 'cancelled' }), at, clock)?.message).toContain('未发出的消息不再发送')
    expect(stateNotice('completed', results({ status: 'completed' }), at, clock)?.type).toBe('success')
    expect(stateNotice('paused', results({ status: 'paused', pauseReason: null }), at, clock)?.message).toMatch(/^已暂停：/)
  })
})
