/**
 * 小林, a seeded member for ten days, fills a day she missed this month (补签): the day shows as
 * checked, it cost the make-up's points, and one make-up fewer is left this month. Skipped on the 1st
 * of a month (no earlier day to fill) and where 小林's make-ups of the month are used up.
 */
import { JourneySkipped } from '../harness.mjs'
import { tapTab } from '../steps.mjs'

export const name = 'a member who missed a day this month fills it with a make-up check-in (补签)'

/** The openid the demo seed gives 小林; the H5 build logs in to the sandbox as the openid it keeps. */
const DEMO_OPENID = 'demo-openid-1'

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, apiResponse }) {
  await requireRoutes(['POST /api/v1/checkins/makeups'])
  // Before the app's first script runs (it logs in at once), so it logs in as that openid and no other.
  // Taro's H5 storage keeps values as {"data": …} JSON.
  await page.addInitScript((openid) => localStorage.setItem('hy.devOpenid', JSON.stringify({ data: openid })), DEMO_OPENID)
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await tapTab(page, '首页')
  const calendar = await apiResponse(page, 'GET', '/api/v1/checkins/calendar', () => page.locator('.tile', { hasText: '每日签到' }).click())
  expect(calendar.status, `calendar answered ${JSON.stringify(calendar.body).slice(0, 200)}`).toBe(200)
  await page.waitForURL(/#\/packages\/checkin\/index/)
  if (calendar.body.today.endsWith('-01')) throw new JourneySkipped('the 1st of a month has no earlier day to fill')
  const { remainingThisMonth, costPoints } = calendar.body.makeup
  // 小林 has two make-ups a month: a database this journey already ran against may have none left.
  if (remainingThisMonth === 0) throw new JourneySkipped("小林's make-ups for this month are used up; run against a freshly seeded database")
  const missed = page.locator('.month-cal__cell--missed')
  await missed.first().waitFor()

  const day = missed.first()
  const date = await day.getAttribute('data-date')
  await day.click()
  const button = page.locator('.checkin__makeup-btn')
  await button.getByText(`补签 ${Number(date.slice(8, 10))} 日（消耗 ${costPoints} 积分）`).waitFor()
  await screenshot('10-makeup-picked')

  const done = await apiResponse(page, 'POST', '/api/v1/checkins/makeups', () => button.click())
  expect(done.status, `make-up answered ${JSON.stringify(done.body).slice(0, 200)}`).toBe(201)
  expect(done.body.date, 'the day filled').toBe(date)
  await page.getByText(`已补签 ${date}，消耗 ${costPoints} 积分（余额 ${done.body.balance}）`).waitFor()
  await page.locator(`.month-cal__cell--checked[data-date="${date}"]`).waitFor()
  await page.getByText(`补签一次消耗 ${costPoints} 积分，本月还可补签 ${remainingThisMonth - 1} 次`).waitFor()
  await screenshot('10-makeup-done')
}
