/**
 * A member redeems a reward they can afford in the points mall (the confirmation names the balance
 * after), finds the coupon in the wallet with its QR code and code; a clerk verifies it at the till,
 * and a second verification is refused as already used, with when and where.
 */
import { cardPoints, input, joinAsNewMember, staffLogin, tapTab } from '../steps.mjs'

export const name = 'redeem a reward in the mall, show the coupon, clerk verifies it once'

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/rewards', 'POST /api/v1/rewards/1/redemptions', 'GET /api/v1/coupons', 'POST /api/v1/staff/coupon-verifications'])
  const member = await joinAsNewMember({ page, baseUrl, expect, apiResponse })
  const balance = await cardPoints(page)

  await tapTab(page, '首页')
  const list = await apiResponse(page, 'GET', '/api/v1/rewards', () => page.locator('.tile', { hasText: '积分商城' }).click())
  expect(list.status, `rewards answered ${JSON.stringify(list.body).slice(0, 200)}`).toBe(200)
  await page.getByText(`我的积分 ${balance}`).waitFor()
  const rewards = list.body.items
  const reward = rewards.filter((r) => r.stockLeft > 0 && r.pointsPrice <= balance).sort((a, b) => a.pointsPrice - b.pointsPrice)[0]
  expect(reward, `a reward a new member can afford with ${balance} points (mall has ${rewards.map((r) => `${r.title}: ${r.pointsPrice}`).join(', ') || 'nothing'})`).toBeTruthy()
  const tile = page.locator('.mall__item', { hasText: reward.title }).first()
  await tile.getByText(`${reward.pointsPrice} 积分`).waitFor()
  await screenshot('04-mall-list')

  await tile.click()
  await page.waitForURL(/#\/packages\/mall\/detail/)
  const redeemButton = page.locator('.mall-detail__actions .btn-primary', { hasText: '立即兑换' })
  await redeemButton.waitFor()
  await screenshot('04-mall-detail')
  await redeemButton.click()
  const modal = page.locator('.taro-modal__content')
  const after = balance - reward.pointsPrice
  await modal.getByText(`兑换后余额 ${after} 积分`).waitFor()
  // The dialog confirms in the brand's colour, not WeChat's green.
  expect(await modal.locator('.taro-modal__foot').getByText('确定').evaluate((el) => getComputedStyle(el).color), 'the confirm in the brand colour').toBe('rgb(148, 98, 0)')
  await screenshot('04-mall-confirm')
  const redeemed = await apiResponse(page, 'POST', `/api/v1/rewards/${reward.id}/redemptions`, () => modal.locator('.taro-modal__foot').getByText('确定').click())
  expect(redeemed.status, `redemption answered ${JSON.stringify(redeemed.body).slice(0, 300)}`).toBe(201)
  const couponCode = redeemed.body.coupon.code
  expect(redeemed.body.balance, 'balance after redeeming').toBe(after)
  await page.getByText('兑换成功').waitFor()
  await page.getByText(`券码 ${couponCode}，当前积分 ${after}`).waitFor()
  await screenshot('04-mall-redeemed')

  await page.locator('.btn-primary', { hasText: '查看我的券' }).click()
  await page.waitForURL(/#\/packages\/coupons\/detail/)
  await page.locator('.coupon-detail__code').getByText(couponCode).waitFor()
  await page.locator('.coupon-detail__status').getByText('可使用').waitFor()
  const qr = page.locator('.coupon-detail__qr img')
  await qr.waitFor()
  expect(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'coupon QR image loaded').toBeTruthy()
  // The seed's rewards and their coupon templates share a name, so the wallet shows what the mall sold.
  const couponTitle = (await page.locator('.coupon-detail__title').innerText()).trim()
  expect(couponTitle, 'the coupon in the wallet has the name the reward had in the mall').toBe(reward.title)
  await screenshot('04-wallet-coupon')

  await page.goto(`${baseUrl}/#/packages/coupons/index`)
  await page.locator('.coupon', { hasText: couponTitle }).first().waitFor()
  await screenshot('04-wallet-list')

  const clerk = await newPage()
  await staffLogin({ page: clerk, baseUrl })
  // 核销 shows the coupon and its member first; nothing is spent until the clerk confirms.
  await input(clerk, '扫码或输入券码').pressSequentially(couponCode)
  const preview = await apiResponse(clerk, 'GET', `/api/v1/staff/coupons/${couponCode}`, () => clerk.locator('.staff__inline-btn', { hasText: '查询券' }).click())
  expect(preview.status, `preview answered ${JSON.stringify(preview.body).slice(0, 300)}`).toBe(200)
  const shown = clerk.locator('.staff__preview')
  await shown.getByText('请核对后确认核销').waitFor()
  await shown.getByText(couponTitle).first().waitFor()
  await shown.getByText(member.cardNo, { exact: false }).waitFor()
  await shown.scrollIntoViewIfNeeded()
  await screenshot('04-verify-confirm', clerk)
  const verified = await apiResponse(clerk, 'POST', '/api/v1/staff/coupon-verifications', () => shown.locator('.btn-primary', { hasText: '确认核销' }).click())
  expect(verified.status, `verification answered ${JSON.stringify(verified.body).slice(0, 300)}`).toBe(201)
  const done = clerk.locator('.staff__result', { hasText: '核销成功' })
  await done.waitFor()
  await done.getByText(couponTitle).first().waitFor()
  await done.getByText(verified.body.store.name).waitFor()
  await done.scrollIntoViewIfNeeded()
  await screenshot('04-verify-success', clerk)

  await input(clerk, '扫码或输入券码').pressSequentially(couponCode)
  const again = await apiResponse(clerk, 'GET', `/api/v1/staff/coupons/${couponCode}`, () => clerk.locator('.staff__inline-btn', { hasText: '查询券' }).click())
  expect(again.status, `second look answered ${JSON.stringify(again.body).slice(0, 300)}`).toBe(409)
  expect(again.body?.error?.code, 'second look error').toBe('COUPON_ALREADY_USED')
  await clerk.locator('.error-text', { hasText: '该券已核销' }).waitFor()
  const used = clerk.locator('.staff__result--used')
  await used.getByText('核销时间').waitFor()
  await used.getByText(verified.body.store.name).waitFor()
  expect(await clerk.locator('.staff__preview').count(), 'no confirm button for a used coupon').toBe(0)
  await used.scrollIntoViewIfNeeded()
  await screenshot('04-verify-again', clerk)

  // Back on the member's phone the coupon has moved to 已使用.
  await page.reload()
  await page.locator('.tabs__item', { hasText: '已使用' }).click()
  await page.locator('.coupon', { hasText: couponTitle }).first().waitFor()
  await screenshot('04-wallet-used')
}
