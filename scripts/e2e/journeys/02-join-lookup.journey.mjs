/**
 * A customer scans store S001's code, reads the privacy notice and joins; the card shows the base tier,
 * the welcome points and a live member code. A clerk on another phone signs in, types that code and
 * finds the member; a stale code is refused with the server's reason shown to the clerk.
 */
export const name = 'join from a store code, then a clerk looks the member up by the live code'

const CODE_ERRORS = {
  MEMBER_CODE_EXPIRED: '会员码已过期，请让顾客刷新',
  MEMBER_CODE_INVALID: '会员码无效，请让顾客重新出示',
}

export async function run({ page, baseUrl, expect, screenshot, newPage, apiResponse }) {
  await page.goto(`${baseUrl}/#/packages/join/index?scene=s%3DS001`)
  await page.getByText('隐私政策', { exact: true }).waitFor()
  await page.getByText('我们收集').first().waitFor()
  // The store's name, not its code, and what joining gives.
  await page.getByText('推荐门店：静安旗舰店').waitFor()
  await page.getByText('入会即送 100 积分').waitFor()
  await screenshot('02-join-privacy')

  const joined = await apiResponse(page, 'POST', '/api/v1/members', () => page.getByText('同意并加入', { exact: true }).click())
  expect(joined.status, `join answered ${JSON.stringify(joined.body).slice(0, 200)}`).toBe(201)
  const cardNo = joined.body.member.cardNo

  await page.waitForURL(/#\/pages\/card\/index/)
  const card = page.locator('.member-card')
  await card.getByText('普通会员').waitFor()
  await page.locator('.member-card__no').getByText(cardNo).waitFor()
  expect(await page.locator('.member-card__value').first().innerText(), 'points on the card').toBe('100')

  const codeText = page.locator('.member-code__text')
  await codeText.waitFor()
  const memberCode = (await codeText.innerText()).trim()
  expect(memberCode, 'member code text').toMatch(/^\d{18}$/)
  const qr = page.locator('.member-code__qr img')
  await qr.waitFor()
  expect(await qr.evaluate((img) => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/png')), 'QR image loaded').toBeTruthy()
  await screenshot('02-join-card')

  const clerk = await newPage()
  await clerk.goto(`${baseUrl}/#/packages/staff/index`)
  await clerk.locator('input[placeholder="请输入用户名"]').pressSequentially('demo-clerk')
  await clerk.locator('input[placeholder="请输入密码"]').pressSequentially('huiyuan-demo')
  await screenshot('02-staff-login', clerk)
  await clerk.locator('.btn-primary', { hasText: '登录' }).click()
  await clerk.waitForURL(/#\/packages\/staff\/console/)
  await clerk.getByText('查询会员', { exact: true }).waitFor()

  const search = clerk.locator('input[placeholder="输入会员码 / 卡号 / 手机号"]')
  await search.fill(memberCode)
  const lookup = await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.locator('.staff__search .btn-primary', { hasText: '查询' }).first().click())
  expect(lookup.status, `lookup answered ${JSON.stringify(lookup.body).slice(0, 200)}`).toBe(200)
  const result = clerk.locator('.staff__member')
  await result.getByText(cardNo).waitFor()
  await result.getByText('普通会员').waitFor()
  await screenshot('02-staff-lookup', clerk)

  // Card number + a made-up 6-digit tail: 18 digits, so valid input, but not the live code.
  let staleCode = `${cardNo}000000`
  if (staleCode === memberCode) staleCode = `${cardNo}000001`
  await search.fill(staleCode)
  const refused = await apiResponse(clerk, 'GET', '/api/v1/staff/members/lookup', () => clerk.locator('.staff__search .btn-primary', { hasText: '查询' }).first().click())
  expect(refused.status, `stale code answered ${JSON.stringify(refused.body).slice(0, 200)}`).toBe(400)
  const code = refused.body?.error?.code
  expect(code, 'error code for a stale member code').toBeOneOf(Object.keys(CODE_ERRORS))
  await clerk.locator('.error-text', { hasText: CODE_ERRORS[code] }).waitFor()
  expect(await clerk.locator('.staff__member').count(), 'the earlier member is no longer shown').toBe(0)
  await screenshot('02-staff-stale-code', clerk)
}
