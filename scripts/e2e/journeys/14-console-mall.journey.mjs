/**
 * Console: HQ creates a coupon template with the options the server supports (discount with a cap,
 * valid N days from the next day, listed stores, stock, per-member and per-day limits, a minimum
 * tier), edits it to a fixed validity, then puts it in the points mall as a new item with a stock and
 * a per-member limit, and edits the item's price. Port of the mini-program's mall and template editors.
 */
import { DESKTOP } from '../harness.mjs'
import { consoleLogin, openMenu, runId, toast } from '../console-steps.mjs'

export const name = 'Console: HQ creates and edits a coupon template (all options) and a points-mall item'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  const title = `会员日八五折 ${runId()}`
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  await openMenu(page, '券模板')
  await page.getByRole('button', { name: '新建券模板' }).click()
  const drawer = page.locator('.ant-drawer-content', { hasText: '新建券模板' })
  await page.waitForFunction(() => document.activeElement?.id === 'title')
  await page.keyboard.type(title)
  await drawer.getByLabel('折扣券').check()
  await drawer.getByLabel('折扣（85 表示 8.5 折）').fill('85')
  await drawer.getByLabel('最多优惠（元，空为不封顶）').fill('30.5')
  await drawer.getByLabel('有效天数').fill('14')
  await drawer.getByLabel('次日起生效').check()
  await drawer.getByLabel('指定门店或区域').check()
  await page.keyboard.press('Enter')
  await drawer.getByText('请至少选择一个门店或区域').waitFor()
  await drawer.locator('#storeCodes').click()
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'S001' }).click()
  // Escape would close the drawer too: click away from the open tree instead.
  await drawer.getByText('门店或区域', { exact: true }).click()
  await drawer.getByLabel('发放总量（空为不限）').fill('500')
  await drawer.getByLabel('每人限领（空为不限）').fill('2')
  await drawer.getByLabel('每人每日限领（空为不限）').fill('1')
  await drawer.locator('#minTierRank').click()
  await page.locator('.ant-select-item-option', { hasText: '银卡会员 及以上' }).click()
  await drawer.getByLabel('使用说明').fill('周三会员日可用')
  const created = await apiResponse(page, 'POST', '/api/v1/staff/coupon-templates', () => drawer.getByRole('button', { name: '保存' }).click())
  expect(created.status, `create ${JSON.stringify(created.body).slice(0, 300)}`).toBe(201)
  const t = created.body
  expect(JSON.stringify([t.kind, t.ratePercent, t.capCents, t.validity, t.storeScope, t.storeCodes, t.totalStock, t.perMemberLimit, t.perMemberDailyLimit, t.minTierRank]), 'every option saved')
    .toBe(JSON.stringify(['discount', 85, 3050, { kind: 'relative', days: 14, startsNextDay: true }, 'listed', ['S001'], 500, 2, 1, 2]))
  await toast(page, '券模板已保存').waitFor()
  const row = page.locator('.ant-table-row', { hasText: title })
  await row.waitFor()

  await row.getByRole('button', { name: '编辑' }).click()
  const edit = page.locator('.ant-drawer-content', { hasText: `编辑券模板：${title}` })
  await edit.getByLabel('固定日期').check()
  // From today to 20 days on: both days are on the two months the range picker shows.
  const day = (offset) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  await edit.locator('#fixedRange').click()
  await page.locator(`td[title="${day(0)}"]`).first().click()
  await page.locator(`td[title="${day(20)}"]`).first().click()
  const updated = await apiResponse(page, 'PUT', `/api/v1/staff/coupon-templates/${t.id}`, () => edit.getByRole('button', { name: '保存' }).click())
  expect(updated.status, `update ${JSON.stringify(updated.body).slice(0, 300)}`).toBe(200)
  expect(updated.body.validity.kind, 'fixed validity').toBe('fixed')
  await row.getByText(updated.body.validityText).waitFor()
  await screenshot('14-coupon-templates')

  await openMenu(page, '积分商城')
  await page.getByRole('button', { name: '新建商品' }).click()
  const reward = page.locator('.ant-drawer-content', { hasText: '新建商品' })
  await page.waitForFunction(() => document.activeElement?.id === 'title')
  await page.keyboard.type(title)
  await page.keyboard.press('Enter')
  await reward.getByText('请选择兑换所得券').or(reward.getByText('请填写兑换所得券')).first().waitFor()
  // The picker searches the server as one types: a long template list is never loaded whole.
  await reward.locator('#couponTemplateId').click()
  const search = apiResponse(page, 'GET', '/api/v1/staff/coupon-templates', () => page.keyboard.type(title.slice(-6)))
  expect((await search).status, 'template search').toBe(200)
  await page.locator('.ant-select-item-option', { hasText: title }).click()
  await reward.getByLabel('所需积分').fill('300')
  await reward.getByLabel('总库存').fill('50')
  await reward.getByLabel('每人限兑（0 为不限）').fill('1')
  const item = await apiResponse(page, 'POST', '/api/v1/staff/rewards', () => reward.getByRole('button', { name: '保存' }).click())
  expect(item.status, `reward ${JSON.stringify(item.body).slice(0, 300)}`).toBe(201)
  expect(JSON.stringify([item.body.pointsPrice, item.body.stock, item.body.perMemberLimit, item.body.couponTemplate.id]), 'item saved').toBe(JSON.stringify([300, 50, 1, t.id]))
  await toast(page, '商品已保存').waitFor()
  // The list pages on the server: find the new item by searching its name.
  await page.getByLabel('搜索商品').fill(title)
  const found = await apiResponse(page, 'GET', '/api/v1/staff/rewards', () => page.getByLabel('搜索商品').press('Enter'))
  expect(found.body.total, 'one item of that name').toBe(1)
  const itemRow = page.locator('.ant-table-row', { hasText: title })
  await itemRow.getByRole('button', { name: '编辑' }).click()
  const editItem = page.locator('.ant-drawer-content', { hasText: `编辑商品：${title}` })
  await editItem.getByLabel('所需积分').fill('250')
  const repriced = await apiResponse(page, 'PUT', `/api/v1/staff/rewards/${item.body.id}`, () => page.keyboard.press('Enter'))
  expect(repriced.body.pointsPrice, 'new price').toBe(250)
  await itemRow.getByText('250', { exact: true }).waitFor()
  await screenshot('14-points-mall')
}
