/**
 * At the till, on the counter PC (1366×768), keyboard only: the code field is focused, Enter looks the
 * member up, the amount field takes over, Enter moves to the order number, Enter awards. The form is
 * then empty and the code field focused for the next customer; the same order again is said in amber,
 * not success green. Meanwhile the member, holding the card with the code on screen, sees the points
 * arrive without touching anything (+N 积分到账).
 */
import { DESKTOP } from '../harness.mjs'
import { cardPoints, input, joinAsNewMember, staffLogin } from '../steps.mjs'

export const name = 'keyboard-first purchase on the counter PC; the member card follows the balance by itself'

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['POST /api/v1/staff/purchases'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  const before = await cardPoints(page)

  const clerk = await newPage(DESKTOP)
  await staffLogin({ page: clerk, baseUrl })
  // Two columns side by side on a PC, with the text at a phone's size rather than twice it.
  const [left, right] = await clerk.locator('.staff__column').evaluateAll((cols) => cols.map((c) => c.getBoundingClientRect().toJSON()))
  expect(right.left, 'the second column sits to the right of the first').toBeGreaterThan(left.right - 1)
  const rootPx = await clerk.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  expect(rootPx <= 24, `root font size capped on a PC (got ${rootPx}px)`).toBeTruthy()

  const search = input(clerk, '输入会员码 / 卡号 / 手机号')
  await clerk.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === '输入会员码 / 卡号 / 手机号')
  await clerk.locator('.staff__kind', { hasText: '卡号' }).click()
  await search.focus()
  await clerk.keyboard.type(member.cardNo)
  const lookup = await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.keyboard.press('Enter'))
  expect(lookup.status, `lookup answered ${JSON.stringify(lookup.body).slice(0, 200)}`).toBe(200)
  await clerk.locator('.staff__member').getByText(member.cardNo).waitFor()
  await clerk.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === '例如 128.00')

  const orderNo = `E2E-${Date.now()}`
  await clerk.keyboard.type('128.00')
  await clerk.keyboard.press('Enter')
  await clerk.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === '小票上的订单号')
  await clerk.keyboard.type(orderNo)
  await screenshot('05-purchase-form-desktop', clerk)
  const awarded = await apiResponse(clerk, 'POST', '/api/v1/staff/purchases', () => clerk.keyboard.press('Enter'))
  expect(awarded.status, `purchase answered ${JSON.stringify(awarded.body).slice(0, 300)}`).toBe(201)
  const { points, balance, discountPercent, tier } = awarded.body
  expect(balance, 'balance after the purchase').toBe(before + points)
  await clerk.locator('.success-text').getByText(`已入账 ${points} 积分，当前余额 ${balance}`).waitFor()
  const discountText = discountPercent >= 100 ? `${tier.name}：无折扣` : `${tier.name}：本单享 ${discountPercent / 10} 折`
  await clerk.getByText(discountText).waitFor()
  expect(await input(clerk, '例如 128.00').first().inputValue(), 'amount cleared').toBe('')
  expect(await input(clerk, '小票上的订单号').first().inputValue(), 'order number cleared').toBe('')
  await clerk.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === '输入会员码 / 卡号 / 手机号')
  await screenshot('05-purchase-awarded-desktop', clerk)

  // The member's phone, untouched since the join: the card polls while the code is shown.
  await page.locator('.card-page__arrival').getByText(`+${points} 积分到账`).waitFor({ timeout: 15_000 })
  expect(await cardPoints(page), 'points on the member card').toBe(balance)
  await screenshot('05-purchase-member-card')

  // The same receipt again: nothing awarded twice, and not in success green.
  await input(clerk, '例如 128.00').first().fill('128.00')
  await input(clerk, '小票上的订单号').first().fill(orderNo)
  const repeat = await apiResponse(clerk, 'POST', '/api/v1/staff/purchases', () => clerk.locator('.btn-primary', { hasText: '确认入账' }).click())
  expect(repeat.body.duplicate, 'the repeat is recognised').toBe(true)
  const warn = clerk.locator('.staff__result--warn .warning', { hasText: '该订单已入账过，未重复发放积分' })
  await warn.waitFor()
  const colour = await warn.evaluate((el) => getComputedStyle(el).color)
  expect(colour, 'duplicate message colour').toBe('rgb(154, 91, 0)')
  await screenshot('05-purchase-duplicate-desktop', clerk)
}
