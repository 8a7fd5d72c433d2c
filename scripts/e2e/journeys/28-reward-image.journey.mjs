/**
 * HQ gives a mall reward its picture in the console (积分商城 → 编辑 → 上传图片), and a visitor browsing the
 * mall on a phone sees it, in the list and on the reward's page; rewards without one show the gift icon.
 */
import { DESKTOP, PHONE } from '../harness.mjs'
import { consoleApi, consoleLogin, openMenu } from '../console-steps.mjs'

export const name = 'Console: HQ uploads a reward picture; the mini-program mall shows it (and the gift icon where there is none)'
export const viewport = DESKTOP

const REWARD = '中杯饮品券'

/** A 600×600 PNG drawn in the page: a cup-coloured square with a band, enough to see on a phone. */
async function drawnPng(page) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 600
    canvas.height = 600
    const g = canvas.getContext('2d')
    g.fillStyle = '#6f4e37'
    g.fillRect(0, 0, 600, 600)
    g.fillStyle = '#f3d27a'
    g.fillRect(0, 240, 600, 120)
    return canvas.toDataURL('image/png')
  })
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

export async function run({ page, baseUrl, expect, screenshot, newPage, requireRoutes, apiResponse }) {
  await requireRoutes(['POST /api/v1/staff/rewards/images'])
  await consoleLogin({ page, baseUrl }, 'demo-hq')
  await openMenu(page, '积分商城')
  const row = page.locator('.ant-table-row', { hasText: REWARD }).first()
  await row.getByRole('button', { name: '编辑' }).click()
  const drawer = page.locator('.ant-drawer-content', { hasText: `编辑商品：${REWARD}` })
  // A freshly seeded reward has none; against a database this journey already ran on, the picture is replaced.
  await drawer.getByRole('button', { name: /上传图片|更换图片/ }).waitFor()

  const png = await drawnPng(page)
  const uploaded = await apiResponse(page, 'POST', '/api/v1/staff/rewards/images', () =>
    drawer.locator('input[type="file"]').setInputFiles({ name: 'cup.png', mimeType: 'image/png', buffer: png }),
  )
  expect(uploaded.status, `upload answered ${JSON.stringify(uploaded.body).slice(0, 200)}`).toBe(201)
  const { imageUrl } = uploaded.body
  await drawer.locator(`img[src="${imageUrl}"]`).waitFor()
  await drawer.getByRole('button', { name: '更换图片' }).waitFor()
  await drawer.locator(`img[src="${imageUrl}"]`).scrollIntoViewIfNeeded()
  await screenshot('28-reward-image-console')
  const listed = (await consoleApi(page, 'GET', '/api/v1/staff/rewards')).body
  const reward = (Array.isArray(listed) ? listed : listed.items).find((r) => r.title === REWARD)
  const saved = await apiResponse(page, 'PUT', `/api/v1/staff/rewards/${reward.id}`, () => drawer.getByRole('button', { name: '保存' }).click())
  expect(saved.status, `save answered ${JSON.stringify(saved.body).slice(0, 200)}`).toBe(200)
  expect(saved.body.imageUrl, 'the reward keeps the uploaded picture').toBe(imageUrl)

  // A visitor on a phone: the mall is open before joining.
  const phone = await newPage(PHONE)
  await phone.goto(`${baseUrl}/#/packages/mall/index`)
  const item = phone.locator('.mall__item', { hasText: REWARD })
  // The mall's pictures load lazily: the src is set once the item is on screen, and rewards other journeys
  // created may push this one below the fold.
  await item.scrollIntoViewIfNeeded()
  const picture = item.locator('img')
  await picture.waitFor()
  await phone.waitForFunction((el) => el.getAttribute('src') !== null, await picture.elementHandle())
  expect(await picture.getAttribute('src'), 'the list shows the uploaded picture').toContain(imageUrl)
  await phone.waitForFunction((src) => [...document.images].some((img) => img.src.endsWith(src) && img.complete && img.naturalWidth === 600), imageUrl)
  expect(await phone.locator('.mall__item .reward-image--blank').count(), 'rewards without a picture show the gift icon').toBeGreaterThan(0)
  await screenshot('28-reward-image-mall', phone)
  await item.click()
  await phone.waitForURL(/#\/packages\/mall\/detail/)
  await phone.waitForFunction((src) => [...document.images].some((img) => img.src.endsWith(src) && img.complete && img.naturalWidth === 600 && img.getBoundingClientRect().width > 300), imageUrl)
  await screenshot('28-reward-image-detail', phone)
}

