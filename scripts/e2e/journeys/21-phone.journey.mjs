/**
 * The getPhoneNumber button: a customer joins with 同意并用微信手机号加入 (in H5 the sandbox issues the
 * one-time code for a typed number, standing in for WeChat's sheet), 我的 shows the number masked, and
 * a clerk finds the member by phone. A refusal and an app without phone access are said in Chinese and
 * still let the customer join (checked in the page's phoneOutcome rules, which the unit tests cover).
 */
import { input, staffLogin } from '../steps.mjs'

export const name = 'join with the WeChat phone number; 我的 shows it masked; a clerk finds the member by phone'

export async function run({ page, baseUrl, expect, screenshot, newPage, apiResponse }) {
  const phone = `139${String(Date.now()).slice(-8)}`
  await page.goto(`${baseUrl}/#/packages/join/index?scene=s%3DS001`)
  await page.getByText('我们收集').first().waitFor()
  await page.locator('.btn-primary', { hasText: '同意并用微信手机号加入' }).click()
  await input(page, '11 位手机号').pressSequentially('12345')
  await page.locator('.phone-button__go').click()
  await page.locator('.phone-button .error-text', { hasText: '请输入 11 位手机号' }).waitFor()
  await input(page, '11 位手机号').fill(phone)
  // The complaint goes as soon as the number is typed again.
  await page.locator('.phone-button .error-text').waitFor({ state: 'detached' })
  await screenshot('21-phone-sheet')
  const [joined, bound] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/members'),
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/members/me/phone'),
    page.locator('.phone-button__go').click(),
  ])
  expect(joined.status(), 'join').toBe(201)
  expect(bound.status(), `phone bind answered ${await bound.text()}`).toBeOneOf([200, 201])
  const member = (await joined.json()).member
  await page.waitForURL(/#\/pages\/card\/index/)

  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  const masked = `1******${phone.slice(-4)}`
  await page.locator('.row__value', { hasText: masked }).waitFor()
  await page.locator('.btn-plain', { hasText: '更换为当前微信手机号' }).waitFor()
  // The customer page has a discreet staff link, not a staff login box.
  expect(await page.locator('input[placeholder="请输入用户名"]').count(), 'no staff login form on 我的').toBe(0)
  await page.locator('.mine__staff').getByText('门店员工入口').waitFor()
  await screenshot('21-phone-mine')

  const clerk = await newPage()
  await staffLogin({ page: clerk, baseUrl })
  await clerk.locator('.staff__kind', { hasText: '手机号' }).click()
  await input(clerk, '输入会员码 / 卡号 / 手机号').pressSequentially(phone)
  const found = await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.keyboard.press('Enter'))
  expect(found.status, `lookup by phone answered ${JSON.stringify(found.body).slice(0, 200)}`).toBe(200)
  await clerk.locator('.staff__member').getByText(member.cardNo).waitFor()
  await clerk.locator('.staff__member').getByText(masked).waitFor()
  await screenshot('21-phone-lookup', clerk)
}
