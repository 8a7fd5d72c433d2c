/**
 * HQ opens 积分规则 from 更多功能: the form starts from the saved rules and says that an expiry change
 * applies to new points only; an out-of-range value is caught before anything is sent; the saved rules
 * (put back as they were, so the other journeys keep their welcome points) come back from the server.
 */
import { staffLogin } from '../steps.mjs'

export const name = 'HQ edits the earning rules: range checked in the form, saved, expiry note shown'

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/staff/earning-rules', 'PUT /api/v1/staff/earning-rules'])
  await staffLogin({ page, baseUrl }, 'demo-hq')

  const rules = await apiResponse(page, 'GET', '/api/v1/staff/earning-rules', () => page.locator('.admin__link', { hasText: '积分规则' }).click())
  expect(rules.status, `earning rules answered ${JSON.stringify(rules.body).slice(0, 200)}`).toBe(200)
  const perYuan = page.locator('.admin-field[data-field="pointsPerYuan"] input')
  await perYuan.waitFor()
  expect(await perYuan.inputValue(), 'the form starts from the saved rules').toBe(String(rules.body.pointsPerYuan))
  await page.getByText('有效期的修改只对今后获得的积分生效，已有积分仍按原到期日过期。').waitFor()

  let puts = 0
  page.on('request', (r) => {
    if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/staff/earning-rules') puts += 1
  })
  await perYuan.fill('')
  await perYuan.pressSequentially('5000')
  await page.locator('.btn-primary', { hasText: '保存' }).click()
  await page.locator('.admin-field[data-field="pointsPerYuan"]').getByText('请输入 0–1000 之间的整数').waitFor()
  await page.getByText('请先修正标红的字段').waitFor()
  expect(puts, 'nothing sent while a field is out of range').toBe(0)
  await page.getByText('请先修正标红的字段').scrollIntoViewIfNeeded()
  await screenshot('09-earning-rules-invalid')

  await perYuan.fill('')
  await perYuan.pressSequentially(String(rules.body.pointsPerYuan))
  // The optional fields appear with their choice; the seeded rules have no member day.
  expect(rules.body.memberDay, 'seeded member day').toBe(null)
  await page.locator('.staff__kind', { hasText: '获得后按月' }).click()
  await page.locator('.admin-field[data-field="expiryMonths"] input').waitFor()
  const memberDay = page.locator('.admin__switch .weui-switch')
  await memberDay.click()
  await page.locator('.staff__kind', { hasText: '周日' }).waitFor()
  await page.locator('.admin-field[data-field="memberDayMultiplierPct"] input').waitFor()
  await page.locator('.section', { hasText: '会员日' }).scrollIntoViewIfNeeded()
  await screenshot('09-earning-rules-options')
  await memberDay.click()
  await page.locator('.staff__kind', { hasText: { never: '永久有效', months_after_earning: '获得后按月', end_of_next_year: '次年年底' }[rules.body.expiry.kind] }).click()
  const saved = await apiResponse(page, 'PUT', '/api/v1/staff/earning-rules', () => page.locator('.btn-primary', { hasText: '保存' }).click())
  expect(saved.status, `save answered ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(200)
  const editable = (r) => JSON.stringify([r.pointsPerYuan, r.welcomePoints, r.expiry, r.memberDay, r.growthPerYuan, r.growthWindow])
  expect(editable(saved.body), 'the rules come back as they were').toBe(editable(rules.body))
  await page.getByText('已保存').waitFor()
  await page.locator('.section', { hasText: '积分有效期' }).scrollIntoViewIfNeeded()
  await screenshot('09-earning-rules-saved')
}
