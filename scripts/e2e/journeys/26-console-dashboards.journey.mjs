/**
 * Console, as a store manager: 数据看板 opens with the last 30 days of the manager's stores, the
 * figures are the server's, the charts draw; the manager narrows the dates to 近 7 天 and the store to
 * S001, and every panel asks again for exactly that.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, issueAndVerifyElsewhere, joinByApi, openMenu, redeemAndVerify, runId } from '../console-steps.mjs'

export const name = 'Console: a manager opens 数据看板, filters by date and store, and sees the charts'
export const viewport = DESKTOP

async function hqRefresh(baseUrl) {
  const login = await fetch(`${baseUrl}/api/v1/staff/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo-hq', password: 'huiyuan-demo' }) })
  const { token } = await login.json()
  const res = await fetch(`${baseUrl}/api/v1/staff/dashboards/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })
  if (!res.ok) throw new Error(`refresh answered ${res.status}`)
}

// The dashboard's chunk (with the chart library) loads on the first visit: give it time on a busy machine.
const panelResponse = (page, panel) => page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1/staff/dashboards/${panel}`, { timeout: 30_000 })

export async function run({ page, baseUrl, expect, screenshot }) {
  const member = await joinByApi(baseUrl, `console-dash-${runId()}`, 'S001')
  await redeemAndVerify(baseUrl, member, 'demo-clerk')
  const away = await joinByApi(baseUrl, `console-dash-away-${runId()}`, 'S001')
  await issueAndVerifyElsewhere(baseUrl, away, 'demo-manager', 'demo-clerk2')
  await joinByApi(baseUrl, `console-dash-other-${runId()}`, 'S002')
  await hqRefresh(baseUrl)

  await consoleLogin({ page, baseUrl }, 'demo-manager')
  const [members, coupons] = await Promise.all([panelResponse(page, 'members'), panelResponse(page, 'coupons'), openMenu(page, '数据看板')])
  expect(members.status(), 'members panel').toBe(200)
  const first = await members.json()
  expect(first.byStore.every((s) => s.store.code === 'S001'), `a manager sees S001 only: ${JSON.stringify(first.byStore)}`).toBe(true)
  expect(first.total >= 2, `members of S001: ${first.total}`).toBe(true)
  const couponFigures = await coupons.json()
  expect(couponFigures.verified >= 1, `coupons verified: ${couponFigures.verified}`).toBe(true)

  // The figures on the page are the server's, and the charts have drawn.
  const totalCard = page.locator('.ant-statistic', { hasText: '会员总数' })
  await totalCard.locator('.ant-statistic-content-value', { hasText: first.total.toLocaleString('en-US') }).waitFor()
  await page.locator('[role=img][aria-label="每日新增与累计会员"] svg path').first().waitFor({ state: 'attached' })
  await page.locator('[role=img][aria-label="每日券发放、核销与过期"] svg path').first().waitFor({ state: 'attached' })
  expect(await page.locator('div[role=img]:has(svg)').count(), 'charts drawn').toBe(9)
  await screenshot('26-dashboards')

  // Narrow the dates: the 近 7 天 preset.
  await page.getByLabel('统计日期').first().click()
  const [week] = await Promise.all([panelResponse(page, 'points'), page.locator('.ant-picker-presets').getByText('近 7 天').click()])
  const weekUrl = new URL(week.url())
  const from = weekUrl.searchParams.get('from')
  const to = weekUrl.searchParams.get('to')
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
  expect(days, `近 7 天 asks for ${from}…${to}`).toBe(7)
  expect(week.status(), 'points panel for 7 days').toBe(200)
  expect((await week.json()).daily.length, 'seven days drawn').toBe(7)

  // Pick the store.
  // By keyboard, as a desk user tabbing through the filters would: the select opens on ↓.
  await page.getByRole('combobox', { name: '门店' }).focus()
  await page.keyboard.press('ArrowDown')
  const [picked] = await Promise.all([panelResponse(page, 'checkins'), page.locator('.ant-select-item-option', { hasText: 'S001' }).click()])
  const pickedUrl = new URL(picked.url())
  expect(pickedUrl.searchParams.get('storeCode'), 'store filter sent').toBe('S001')
  expect(pickedUrl.searchParams.get('from'), 'the dates kept').toBe(from)
  expect(picked.status(), 'check-ins for S001').toBe(200)
  await page.locator('[role=img][aria-label="连续签到分布"] svg path').first().waitFor({ state: 'attached' })
  await page.locator('.ant-card', { hasText: 'RFM 分群' }).scrollIntoViewIfNeeded()
  await screenshot('26-dashboards-filtered')
}
