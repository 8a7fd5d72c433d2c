/**
 * HQ changes a tier threshold: demo-hq opens the tier settings, moves 银卡's entry threshold, previews
 * how many members each tier would hold, saves, and finds the new threshold after a reload; then opens
 * a store's QR poster, an image fetched with the staff token and shown as a data URL.
 */
import { staffLogin } from '../steps.mjs'

export const name = 'HQ edits a tier threshold with a preview, saves it, and opens a store poster'

export async function run({ page, baseUrl, expect, screenshot, requireRoutes, apiResponse }) {
  await requireRoutes(['GET /api/v1/staff/tiers', 'POST /api/v1/staff/tiers/preview', 'PUT /api/v1/staff/tiers/SILVER', 'GET /api/v1/staff/stores'])
  await staffLogin({ page, baseUrl }, 'demo-hq')

  const tiers = await apiResponse(page, 'GET', '/api/v1/staff/tiers', () => page.locator('.admin__link', { hasText: '会员等级设置' }).click())
  expect(tiers.status, `tiers answered ${JSON.stringify(tiers.body).slice(0, 200)}`).toBe(200)
  const silver = tiers.body.find((t) => t.code === 'SILVER')
  expect(silver?.name, 'the seeded silver tier').toBe('银卡会员')

  const card = page.locator('.tier-card[data-code="SILVER"]')
  const entry = card.locator('.admin-field[data-field="entryGrowth"] input')
  await entry.waitFor()
  expect(await entry.inputValue(), 'the form starts from the saved threshold').toBe(String(silver.entryGrowth))
  // Any other valid threshold below gold's, so the journey can run again on the same database.
  const next = silver.entryGrowth === 800 ? 900 : 800
  await entry.fill('')
  await entry.pressSequentially(String(next))

  const preview = await apiResponse(page, 'POST', '/api/v1/staff/tiers/preview', () => page.locator('.tier-preview__btn').click())
  expect(preview.status, `preview answered ${JSON.stringify(preview.body).slice(0, 200)}`).toBe(200)
  const counts = preview.body.counts
  expect(counts.some((c) => c.code === 'SILVER'), `preview counts ${JSON.stringify(counts)}`).toBe(true)
  const silverRow = page.locator('.tier-preview .row', { hasText: '银卡会员' })
  await silverRow.getByText(String(counts.find((c) => c.code === 'SILVER').members), { exact: true }).waitFor()
  await screenshot('06-tier-preview')

  const saved = await apiResponse(page, 'PUT', '/api/v1/staff/tiers/SILVER', () => card.locator('.btn-primary', { hasText: '保存「银卡会员」' }).click())
  expect(saved.status, `save answered ${JSON.stringify(saved.body).slice(0, 300)}`).toBe(200)
  expect(saved.body.entryGrowth, 'saved threshold').toBe(next)
  await card.getByText('「银卡会员」已保存').waitFor()
  await card.scrollIntoViewIfNeeded()
  await screenshot('06-tier-saved')

  await page.reload()
  await entry.waitFor()
  await page.waitForFunction((v) => document.querySelector('.tier-card[data-code="SILVER"] .admin-field[data-field="entryGrowth"] input')?.value === v, String(next))

  await page.goto(`${baseUrl}/#/packages/staff/console`)
  const poster = await apiResponse(page, 'GET', '/api/v1/staff/stores', () => page.locator('.admin__link', { hasText: '门店二维码海报' }).click())
  expect(poster.status, `stores answered ${JSON.stringify(poster.body).slice(0, 200)}`).toBe(200)
  const image = page.locator('.admin__poster img')
  await image.waitFor({ timeout: 20_000 })
  expect(await image.getAttribute('src'), 'poster src').toMatch(/^data:image\/png;base64,/)
  await page.waitForFunction(() => (document.querySelector('.admin__poster img')?.naturalWidth ?? 0) > 0)
  await page.getByText('下载海报', { exact: true }).waitFor()
  await screenshot('06-store-poster')
}
