/**
 * A clerk opens the store's QR poster from the counter tool: the server draws it with the font the
 * project ships (server/assets/fonts), so the store's name and the copy are Chinese characters, not
 * □□□□, on any machine. Ends on a screenshot of the poster to look at.
 */
import { staffLogin } from '../steps.mjs'

export const name = "the store's QR poster is drawn in the project's own font"

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  await staffLogin({ page, baseUrl })
  const poster = await apiResponse(page, 'GET', '/api/v1/staff/stores/S001/poster.png', () => page.locator('.admin__link', { hasText: '门店二维码海报' }).click())
  expect(poster.status, 'poster answered').toBe(200)
  const img = page.locator('.admin__poster img')
  await img.waitFor()
  await page.waitForFunction(() => {
    const el = document.querySelector('.admin__poster img')
    return el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0
  })
  expect(await img.evaluate((el) => el.naturalWidth), 'poster width').toBe(874)
  await img.scrollIntoViewIfNeeded()
  await screenshot('23-store-poster')
}
