/**
 * Console: HQ signs in with the keyboard, opens 等级, previews a new 银卡 threshold (what-if counts
 * per tier, nothing saved), then edits 银卡 in its drawer: a discount out of range is refused at the
 * field and focused, a valid one saves and shows in the table (then is put back). Port of the
 * mini-program's journey 06 (its store poster is in the stores journey).
 */
import { DESKTOP } from '../harness.mjs'
import { consoleApi, consoleLogin, openMenu, toast } from '../console-steps.mjs'

export const name = 'Console: HQ previews tier thresholds and edits a tier (keyboard sign-in, field validation)'
export const viewport = DESKTOP

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  const tiers = await apiResponse(page, 'GET', '/api/v1/staff/tiers', () => openMenu(page, '等级', '会员等级'))
  expect(tiers.status, 'tiers').toBe(200)
  const silver = tiers.body.items.find((t) => t.code === 'SILVER')
  expect(silver?.name, 'the seeded silver tier').toBe('银卡会员')
  await page.locator('.ant-table-row', { hasText: '银卡会员' }).waitFor()

  const threshold = page.getByLabel('银卡会员门槛')
  await threshold.fill(String(silver.entryGrowth + 1))
  const preview = await apiResponse(page, 'POST', '/api/v1/staff/tiers/preview', () => threshold.press('Enter'))
  expect(preview.status, `preview ${JSON.stringify(preview.body).slice(0, 200)}`).toBe(200)
  const silverCount = preview.body.counts.find((c) => c.code === 'SILVER')
  await page.getByText(`${silverCount.members} 人`).first().waitFor()

  await page.locator('.ant-table-row', { hasText: '银卡会员' }).getByRole('button', { name: '编辑' }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByText('编辑等级：银卡会员').waitFor()
  // The drawer puts the focus on its first field once it has opened.
  await page.waitForFunction(() => document.activeElement?.id === 'name')
  const discount = drawer.getByLabel('折扣（95 表示 9.5 折，100 表示无折扣）')
  await discount.fill('5')
  await page.keyboard.press('Enter')
  await drawer.getByText('折扣须在 10–100 之间').waitFor()
  expect(await discount.evaluate((el) => el === document.activeElement), 'the first invalid field has the focus').toBe(true)

  const next = silver.benefits.discountPercent === 95 ? 96 : 95
  await discount.fill(String(next))
  const saved = await apiResponse(page, 'PUT', '/api/v1/staff/tiers/SILVER', () => page.keyboard.press('Enter'))
  expect(saved.status, `save ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(200)
  expect(saved.body.benefits.discountPercent, 'saved discount').toBe(next)
  await toast(page, '等级已保存').waitFor()
  await page.locator('.ant-table-row', { hasText: '银卡会员' }).getByText(`${next / 10} 折`).waitFor()
  await screenshot('11-console-tiers')
  // Put the discount back: the mini-program's journeys read the seeded tiers.
  const { code: _code, id: _id, ...body } = silver
  expect((await consoleApi(page, 'PUT', '/api/v1/staff/tiers/SILVER', body)).status, 'restore').toBe(200)
}
