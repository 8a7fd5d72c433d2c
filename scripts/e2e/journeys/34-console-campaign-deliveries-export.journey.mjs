/**
 * Console, as a store manager: HQ has sent a campaign to a member of S001 and one of S002 (set up
 * through the API; composing has its own journey, 30). The manager opens 数据看板, finds the campaign in
 * the 营销活动 panel with what it sent in their store, then exports 活动发送记录, downloads the .xlsx
 * and the journey reads it back with exceljs: the header, their member's delivery with the campaign's
 * name and the status in Chinese, and no delivery to the other store's member.
 */
import ExcelJS from 'exceljs'
import { DESKTOP, poll } from '../harness.mjs'
import { ACTIVITY_TEMPLATE, consoleLogin, joinByApi, openMenu, runId, shanghaiNoon, toast } from '../console-steps.mjs'

export const name = 'Console: a manager finds a campaign in 数据看板 and downloads its deliveries as .xlsx; the file parses with exceljs and holds only their store'
export const viewport = DESKTOP
// Noon in the business zone, outside the default quiet hours (22:00–08:00), so the campaign sends at once.
export const movesClock = true

/** HQ's API calls for the set-up, with HQ's own token. */
async function hqApi(baseUrl) {
  const login = await fetch(`${baseUrl}/api/v1/staff/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo-hq', password: 'huiyuan-demo' }) })
  const { token } = await login.json()
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status} ${text.slice(0, 200)}`)
    return text ? JSON.parse(text) : null
  }
}

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, setServerClock }) {
  await requireRoutes(['POST /api/v1/staff/exports', 'GET /api/v1/staff/dashboards/campaigns'])
  await setServerClock(shanghaiNoon())
  const id = runId()
  const own = await joinByApi(baseUrl, `deliv-own-${id}`, 'S001')
  const other = await joinByApi(baseUrl, `deliv-other-${id}`, 'S002')

  // HQ sends a campaign to both (neither subscribed: each delivery is recorded as not reachable).
  const hq = await hqApi(baseUrl)
  const tag = await hq('POST', '/api/v1/staff/tags', { name: `发送记录${id}` })
  for (const m of [own, other]) await hq('PUT', `/api/v1/staff/members/${m.id}/tags/${tag.id}`)
  const segment = await hq('POST', '/api/v1/staff/segments', { name: `发送记录分群${id}`, rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] } })
  const templates = await hq('GET', '/api/v1/staff/message-templates')
  const campaignName = `发送记录活动${id}`
  const campaign = await hq('POST', '/api/v1/staff/campaigns', {
    name: campaignName,
    templateId: templates.find((t) => t.wechatTemplateId === ACTIVITY_TEMPLATE).id,
    fieldValues: { thing1: '周末会员日', thing2: '您有{points}积分可兑好礼', date3: '{date}', thing4: '{tier}专享' },
    page: 'pages/home/index',
    segmentId: segment.id,
  })
  await hq('POST', `/api/v1/staff/campaigns/${campaign.id}/launch`, {})
  await poll('the campaign completes', async () => (await hq('GET', `/api/v1/staff/campaigns/${campaign.id}`)).status === 'completed')

  // The manager's dashboard: the campaign is in the 营销活动 panel.
  await consoleLogin({ page, baseUrl }, 'demo-manager')
  const [panel] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v1/staff/dashboards/campaigns', { timeout: 30_000 }),
    openMenu(page, '数据看板'),
  ])
  expect(panel.status(), 'campaigns panel').toBe(200)
  const figures = (await panel.json()).campaigns.find((c) => c.campaignId === campaign.id)
  expect(Boolean(figures), `campaign ${campaign.id} in the manager's panel`).toBe(true)
  expect(figures.audience, `the manager's store counts its own member only: ${JSON.stringify(figures)}`).toBe(1)
  const inPanel = page.locator('.ant-table-row', { hasText: campaignName })
  await inPanel.waitFor()
  await inPanel.scrollIntoViewIfNeeded()
  await screenshot('34-dashboard-campaigns')

  // 导出 → 活动发送记录.
  await openMenu(page, '导出')
  await page.locator('.ant-form-item', { has: page.getByText('数据', { exact: true }) }).locator('.ant-select').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '活动发送记录' }).click()
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/staff/exports'),
    page.getByRole('button', { name: '开始导出' }).click(),
  ])
  const job = await created.json()
  expect(created.status(), `export ${JSON.stringify(job).slice(0, 200)}`).toBe(201)
  await toast(page, '已开始生成').waitFor()
  const row = page.locator('.ant-table-row', { hasText: job.fileName }).first()
  await row.getByRole('button', { name: '下载' }).waitFor({ timeout: 30_000 })
  await screenshot('34-deliveries-export')

  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()])
  expect(download.suggestedFilename(), 'the download keeps its Chinese name').toContain('活动发送记录导出')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const rows = []
  workbook.worksheets[0].eachRow((r) => rows.push(Array.from(r.values).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  expect(rows[0].join(','), 'header').toBe('记录号,活动,会员卡号,昵称,手机号,状态,微信错误码,说明,创建时间,发送时间,打开时间,券码')
  const mine = rows.filter((r) => r[1] === campaignName)
  expect(mine.map((r) => r[2]).join(','), 'the campaign’s deliveries in the file: the S001 member’s only').toBe(own.cardNo)
  expect(mine[0][5], `status in Chinese: ${mine[0].join(',')}`).toMatch(/[\u4e00-\u9fa5]/)
  expect(rows.some((r) => r[2] === other.cardNo), 'a member of S002 is not in a manager of S001’s export').toBe(false)
}
