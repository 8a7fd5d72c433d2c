/**
 * A member who missed days this month fills one with a make-up check-in (补签): the day shows as
 * checked, it cost the make-up's points, and one make-up fewer is left this month. It runs on any day:
 * the server's clock is moved (a development server's /api/v1/dev/clock) to noon tomorrow for the join
 * and to three days later for the make-up, so there is always an earlier day of the month after the join
 * to fill, and a new member always has this month's make-ups.
 */
import { joinAsNewMember, tapTab } from '../steps.mjs'

export const name = 'a member who missed a day this month fills it with a make-up check-in (补签), on any day'
export const movesClock = true

const DAY_MS = 24 * 3600 * 1000
/** Noon in Shanghai of the day `ms` falls on there, as an ISO instant: a day's middle, so no zone puts it on another date. */
const shanghaiNoon = (ms) => `${new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10)}T12:00:00+08:00`

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, apiResponse, setServerClock }) {
  await requireRoutes(['POST /api/v1/checkins/makeups', 'GET /api/v1/dev/clock'])
  const joinAt = shanghaiNoon(Date.now() + DAY_MS)
  const makeupAt = shanghaiNoon(Date.parse(joinAt) + 3 * DAY_MS)
  await setServerClock(joinAt)
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  await setServerClock(makeupAt)

  await tapTab(page, '首页')
  const calendar = await apiResponse(page, 'GET', '/api/v1/checkins/calendar', () => page.locator('.tile', { hasText: '每日签到' }).click())
  expect(calendar.status, `calendar answered ${JSON.stringify(calendar.body).slice(0, 200)}`).toBe(200)
  await page.waitForURL(/#\/packages\/checkin\/index/)
  expect(calendar.body.today, "the calendar's today is the server's moved day").toBe(makeupAt.slice(0, 10))
  const { remainingThisMonth, costPoints } = calendar.body.makeup
  expect(remainingThisMonth, 'a new member has this month’s make-ups').toBeGreaterThan(0)
  // The page shows the server's month, not the browser's.
  await page.getByText(`${Number(makeupAt.slice(0, 4))} 年 ${Number(makeupAt.slice(5, 7))} 月`).first().waitFor()

  const missed = page.locator('.month-cal__cell--missed')
  await missed.first().waitFor()
  const day = missed.first()
  const date = await day.getAttribute('data-date')
  expect(date >= joinAt.slice(0, 10) && date < makeupAt.slice(0, 10), `the missed day ${date} is after the join and before today`).toBeTruthy()
  await day.click()
  const button = page.locator('.checkin__makeup-btn')
  await button.getByText(`补签 ${Number(date.slice(8, 10))} 日（消耗 ${costPoints} 积分）`).waitFor()
  await screenshot('10-makeup-picked')

  const done = await apiResponse(page, 'POST', '/api/v1/checkins/makeups', () => button.click())
  expect(done.status, `make-up answered ${JSON.stringify(done.body).slice(0, 200)}`).toBe(201)
  expect(done.body.date, 'the day filled').toBe(date)
  expect(done.body.balance, 'the balance after the make-up').toBe(member.points - costPoints)
  await page.getByText(`已补签 ${date}，消耗 ${costPoints} 积分（余额 ${done.body.balance}）`).waitFor()
  await page.locator(`.month-cal__cell--checked[data-date="${date}"]`).waitFor()
  await page.getByText(`补签一次消耗 ${costPoints} 积分，本月还可补签 ${remainingThisMonth - 1} 次`).waitFor()
  await screenshot('10-makeup-done')
}
