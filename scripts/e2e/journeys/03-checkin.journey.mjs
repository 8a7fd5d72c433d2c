/**
 * A new member opens 每日签到 from the home page and checks in: today is marked on the calendar, the
 * streak reads 1 and the balance goes up. 今日已签到 is then a status, not a button that submits again;
 * the ★ bonus days are explained under the calendar.
 */
import { joinAsNewMember, tapTab } from '../steps.mjs'

export const name = 'daily check-in marks today, starts a streak, and then cannot be tapped again'

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, apiResponse }) {
  await requireRoutes(['POST /api/v1/checkins', 'GET /api/v1/checkins/calendar?month=2026-01'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })

  await tapTab(page, '首页')
  await page.locator('.tile', { hasText: '每日签到' }).click()
  await page.waitForURL(/#\/packages\/checkin\/index/)
  const button = page.locator('.checkin__btn')
  await button.getByText('立即签到').waitFor()
  await page.getByText('已连续签到 0 天').waitFor()
  await screenshot('03-checkin-before')

  const first = await apiResponse(page, 'POST', '/api/v1/checkins', () => button.click())
  expect(first.status, `check-in answered ${JSON.stringify(first.body).slice(0, 200)}`).toBe(201)
  const { points, balance, date } = first.body
  expect(points, 'points for the first check-in').toBeGreaterThan(0)
  expect(balance, 'balance after the check-in').toBe(member.points + points)

  await page.getByText(`签到成功，获得 ${points} 积分（余额 ${balance}）`).waitFor()
  await page.getByText('已连续签到 1 天').waitFor()
  const done = page.locator('.checkin__done')
  await done.getByText('今日已签到').waitFor()
  expect(await page.locator('.checkin__btn').count(), 'no check-in button once done').toBe(0)
  expect(await done.evaluate((el) => el.closest('button, [role="button"]') === null), '今日已签到 is not a control').toBeTruthy()
  await page.locator('.checkin__legend').getByText('已签到').waitFor()
  const today = page.locator(`.month-cal__cell[data-date="${date}"]`)
  await page.locator(`.month-cal__cell--today.month-cal__cell--checked[data-date="${date}"]`).waitFor()
  expect(await today.innerText(), 'today on the calendar').toBe('✓')
  await screenshot('03-checkin-done')

  // Tapping the status does nothing: no second request goes out.
  let posted = 0
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/checkins') posted += 1
  })
  await done.click()
  await page.waitForTimeout(300)
  expect(posted, 'requests after tapping 今日已签到').toBe(0)

  await page.goBack()
  await page.waitForURL(/#\/pages\/home\/index/)
  await page.locator('.home__stat-value').getByText(String(balance), { exact: true }).waitFor()
  await screenshot('03-checkin-home')
}
