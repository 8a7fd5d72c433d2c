/** The H5 app loads from the server at `/`, renders the home page in Chinese, and logs in through the sandbox. */
export const name = 'home page loads and starts the member login flow'

export async function run({ page, baseUrl, expect, screenshot }) {
  const apiCalls = []
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sandbox/')) apiCalls.push(url.pathname)
  })
  await page.goto(`${baseUrl}/`)
  await page.getByText('每日签到').first().waitFor()
  await page.getByText('积分商城').first().waitFor()
  await page.waitForFunction(() => document.body.innerText.includes('立即加入') || document.body.innerText.includes('当前积分') || document.body.innerText.includes('重试'))
  // The tiles carry drawn icons (shipped SVGs), not single characters.
  const icons = page.locator('.tile__icon img')
  expect(await icons.count(), 'one icon per tile').toBe(5)
  expect(await icons.first().evaluate((img) => img.complete && img.naturalWidth > 0), 'tile icon loaded').toBeTruthy()
  await screenshot('01-home')
  expect(apiCalls.some((p) => p === '/api/health' || p === '/sandbox/wechat/dev/login' || p === '/api/v1/auth/wechat'), `calls to health or login (saw ${apiCalls.join(', ')})`).toBeTruthy()
}
