/**
 * Every error a clerk or member meets here reaches the screen in Chinese: a wrong password (with the
 * lock-out warned before it happens), a stale member code, a coupon code that does not exist, a points
 * payment beyond the balance (with the balance), a class-validator message from the server (an order
 * number the server refuses), a client-side check, and the network failing. After each, the screen is
 * searched for English words and raw error codes.
 */
import { DESKTOP } from '../harness.mjs'
import { expectChineseOnly, input, joinAsNewMember, staffLogin } from '../steps.mjs'

export const name = 'no English message and no raw error code reaches the screen on the error paths'

export async function run({ page, baseUrl, expect, screenshot, newPage, apiResponse }) {
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })

  const clerk = await newPage(DESKTOP)
  await clerk.goto(`${baseUrl}/#/packages/staff/index`)
  await input(clerk, '请输入用户名').pressSequentially('demo-clerk2')
  await input(clerk, '请输入密码').pressSequentially('wrong-password')
  const wrong = await apiResponse(clerk, 'POST', '/api/v1/staff/sessions', () => clerk.keyboard.press('Enter'))
  expect(wrong.body?.error?.code, 'wrong password').toBe('STAFF_CREDENTIALS_INVALID')
  await clerk.locator('.error-text', { hasText: '用户名或密码错误' }).waitFor()
  await clerk.locator('.warning', { hasText: '连续输错 5 次密码，账号将锁定 15 分钟' }).waitFor()
  await expectChineseOnly(clerk, expect, 'wrong password')
  await screenshot('22-wrong-password', clerk)

  await clerk.reload()
  await staffLogin({ page: clerk, baseUrl })
  const search = input(clerk, '输入会员码 / 卡号 / 手机号')
  await search.fill(`${member.cardNo}000000`)
  const stale = await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.keyboard.press('Enter'))
  expect(stale.status, 'stale code').toBe(400)
  await clerk.locator('.error-text').first().waitFor()
  await expectChineseOnly(clerk, expect, 'stale member code')

  await input(clerk, '扫码或输入券码').fill('ABCD123456789')
  const missing = await apiResponse(clerk, 'GET', '/api/v1/staff/coupons/ABCD123456789', () => clerk.locator('.staff__inline-btn', { hasText: '查询券' }).click())
  expect(missing.body?.error?.code, 'unknown coupon').toBe('COUPON_NOT_FOUND')
  await clerk.locator('.error-text', { hasText: '未找到该券' }).waitFor()
  await expectChineseOnly(clerk, expect, 'unknown coupon')

  await clerk.locator('.staff__kind', { hasText: '卡号' }).click()
  await search.fill(member.cardNo)
  await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.keyboard.press('Enter'))
  await clerk.locator('.staff__member').getByText(member.cardNo).waitFor()

  // Client-side: a purchase without an order number.
  await input(clerk, '例如 128.00').first().fill('12.5')
  await clerk.locator('.btn-primary', { hasText: '确认入账' }).click()
  await clerk.locator('.error-text', { hasText: '请输入订单号' }).waitFor()

  // Beyond the balance: the server's POINTS_INSUFFICIENT, with the balance it holds. Spending takes the
  // code on the member's screen now, as a payment code does.
  const liveCode = (await page.locator('.member-code__text').innerText()).trim()
  await input(clerk, '顾客当前出示的 18 位会员码').fill(liveCode)
  const payPoints = clerk.locator('input[placeholder^="会员现有"]')
  await payPoints.fill(String(member.points + 500))
  await input(clerk, '小票上的订单号').nth(1).fill(`PAY-${Date.now()}`)
  const tooMuch = await apiResponse(clerk, 'POST', '/api/v1/staff/points-payments', () => clerk.locator('.btn-plain', { hasText: '确认抵扣' }).click())
  expect(tooMuch.body?.error?.code, 'points payment beyond the balance').toBe('POINTS_INSUFFICIENT')
  await clerk.locator('.error-text', { hasText: `积分不足，当前余额 ${member.points} 积分` }).waitFor()
  await expectChineseOnly(clerk, expect, 'points beyond the balance')

  // The server's class-validator: an order number with characters it refuses ("orderNo must be 1–64 letters…").
  await input(clerk, '顾客当前出示的 18 位会员码').fill((await page.locator('.member-code__text').innerText()).trim())
  await payPoints.fill('10')
  await input(clerk, '小票上的订单号').nth(1).fill('小票 一号')
  const invalid = await apiResponse(clerk, 'POST', '/api/v1/staff/points-payments', () => clerk.locator('.btn-plain', { hasText: '确认抵扣' }).click())
  expect(invalid.body?.error?.code, 'order number refused by validation').toBe('VALIDATION_FAILED')
  expect(JSON.stringify(invalid.body.error.details), 'the server said it in English').toMatch(/orderNo/)
  await clerk.locator('.error-text', { hasText: '订单号格式不正确' }).waitFor()
  await expectChineseOnly(clerk, expect, 'server validation message')
  await screenshot('22-validation-desktop', clerk)

  // The network fails under the member: the mall says so in Chinese.
  await page.route('**/api/v1/rewards*', (route) => route.abort('internetdisconnected'))
  await page.goto(`${baseUrl}/#/packages/mall/index`)
  await page.locator('.page-state__title', { hasText: '网络连接失败，请检查网络后重试' }).waitFor({ timeout: 15_000 })
  await expectChineseOnly(page, expect, 'network failure')
  await screenshot('22-network-error')
}
