/**
 * The counter tool on a clerk's phone (375×812), beside the PC journey (05): one column, nothing wider
 * than the screen, tap targets of at least 44 px. After a look-up the member is shown at a glance (tags,
 * last visit, recent purchases, usable coupons, from the staff 360), and a sale made here appears in it.
 */
import { PHONE } from '../harness.mjs'
import { input, joinAsNewMember, staffLogin } from '../steps.mjs'

export const name = 'the counter tool on a phone: one column, big enough to tap, the member at a glance after a look-up'

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/staff/members/1/360'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })

  const clerk = await newPage(PHONE)
  await staffLogin({ page: clerk, baseUrl })
  const layout = await clerk.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    columns: [...document.querySelectorAll('.staff__column')].map((c) => c.getBoundingClientRect().toJSON()),
  }))
  expect(layout.scrollWidth <= 375, `nothing wider than the phone (page is ${layout.scrollWidth}px wide)`).toBeTruthy()
  const [first, second] = layout.columns
  expect(second.top >= first.bottom - 1 && Math.abs(second.left - first.left) < 1, 'the two columns stack on a phone').toBeTruthy()
  // The code fields' typed text sits in the middle of the field, not on its top edge (H5 wraps the input).
  const fields = await clerk.locator('.staff__search-input').evaluateAll((els) => els.map((el) => ({ field: el.getBoundingClientRect().height, text: el.querySelector('input').getBoundingClientRect().height })))
  expect(fields.length, 'the look-up and coupon fields').toBe(2)
  for (const f of fields) expect(Math.abs(f.field - f.text) < 1, `the input fills its ${f.field}px field (is ${f.text}px)`).toBeTruthy()
  await screenshot('27-counter-phone', clerk)

  await clerk.locator('.staff__kind', { hasText: '卡号' }).click()
  await input(clerk, '输入会员码 / 卡号 / 手机号').fill(member.cardNo)
  const [lookup, detail] = await Promise.all([
    apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.locator('.btn-primary', { hasText: '查询' }).first().click()),
    clerk.waitForResponse((r) => /\/api\/v1\/staff\/members\/\d+\/360$/.test(new URL(r.url()).pathname)),
  ])
  expect(lookup.status, `lookup answered ${JSON.stringify(lookup.body).slice(0, 200)}`).toBe(200)
  expect(detail.status(), 'the staff 360 answered').toBe(200)
  const glance = clerk.locator('.staff__glance')
  await glance.getByText('新会员').waitFor()
  await glance.getByText('暂无消费记录').waitFor()
  await glance.getByText('暂无到店记录').waitFor()

  // Every control a thumb uses on this screen is at least 44 px tall.
  const small = await clerk.evaluate(() =>
    [...document.querySelectorAll('.staff__kind, .staff__inline-btn, .staff button, .staff__sign-out, .admin__link')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ text: el.textContent.trim(), height: el.getBoundingClientRect().height }))
      .filter((c) => c.height < 44 - 0.5),
  )
  expect(JSON.stringify(small), 'tap targets under 44 px').toBe('[]')

  const orderNo = `E2E-PHONE-${Date.now()}`
  await input(clerk, '例如 128.00').first().fill('58.00')
  await input(clerk, '小票上的订单号').first().fill(orderNo)
  const awarded = await apiResponse(clerk, 'POST', '/api/v1/staff/purchases', () => clerk.locator('.btn-primary', { hasText: '确认入账' }).click())
  expect(awarded.status, `purchase answered ${JSON.stringify(awarded.body).slice(0, 200)}`).toBe(201)
  // The sale is now the member's most recent purchase, and their last visit.
  await glance.locator('.staff__glance-line', { hasText: `¥58.00 · +${awarded.body.points} 积分` }).waitFor()
  await glance.locator('.staff__glance-value').getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor()
  await glance.scrollIntoViewIfNeeded()
  await screenshot('27-counter-phone-member', clerk)
}
