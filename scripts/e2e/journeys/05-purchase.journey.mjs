/**
 * At the till: a clerk finds the member by card number, enters the amount and the order number, and
 * sees the points awarded and the tier discount to apply; the member's card then shows the new balance.
 */
import { cardPoints, input, joinAsNewMember, staffLogin, tapTab } from '../steps.mjs'

export const name = 'clerk awards points for a purchase and the member card shows the new balance'

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['POST /api/v1/staff/purchases'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  const before = await cardPoints(page)

  const clerk = await newPage()
  await staffLogin({ page: clerk, baseUrl })
  await clerk.locator('.staff__kind', { hasText: '卡号' }).click()
  await input(clerk, '输入会员码 / 卡号 / 手机号').pressSequentially(member.cardNo)
  await clerk.locator('.staff__search .btn-primary', { hasText: '查询' }).first().click()
  const found = clerk.locator('.staff__result').first()
  await found.getByText(member.cardNo).waitFor()
  await found.getByText('普通会员').waitFor()

  const orderNo = `E2E-${Date.now()}`
  await input(clerk, '例如 128.00').first().pressSequentially('128.00')
  await input(clerk, '小票上的订单号').pressSequentially(orderNo)
  await screenshot('05-purchase-form', clerk)
  const awarded = await apiResponse(clerk, 'POST', '/api/v1/staff/purchases', () => clerk.locator('.btn-primary', { hasText: '确认入账' }).click())
  expect(awarded.status, `purchase answered ${JSON.stringify(awarded.body).slice(0, 300)}`).toBe(201)
  const { points, balance, discountPercent, tier } = awarded.body
  expect(points, 'points for ¥128').toBeGreaterThan(0)
  expect(balance, 'balance after the purchase').toBe(before + points)
  await clerk.getByText(`已入账 ${points} 积分，当前余额 ${balance}`).waitFor()
  const discountText = discountPercent >= 100 ? `${tier.name}：无折扣` : `${tier.name}：本单享 ${discountPercent / 10} 折`
  await clerk.getByText(discountText).waitFor()
  await screenshot('05-purchase-awarded', clerk)

  // The member, still holding the phone, switches tabs and comes back to the card.
  await tapTab(page, '首页')
  await tapTab(page, '会员卡')
  await page.locator('.member-card__value').first().getByText(String(balance), { exact: true }).waitFor()
  expect(await cardPoints(page), 'points on the member card').toBe(balance)
  await screenshot('05-purchase-member-card')
}
