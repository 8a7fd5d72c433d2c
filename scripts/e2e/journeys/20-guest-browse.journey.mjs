/**
 * A WeChat user who has not joined: the mall lists its rewards, a reward says 加入会员后兑换, the
 * members-only tiles (签到, 我的券, 邀请, 积分明细) open a join prompt that says what joining gives
 * instead of NOT_A_MEMBER and a useless 重试, and the card tab shows every tier in its own colour
 * with its benefits. Also checks what a screen reader and a thumb meet: buttons are exposed as buttons
 * and at least 44 px tall, and hint and button text reach WCAG AA contrast.
 */
export const name = 'a visitor browses the mall, tiers and benefits, and meets join prompts, not errors'

function contrast(a, b) {
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}
const rgb = (css) => css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number)

export async function run({ page, baseUrl, expect, screenshot, apiResponse }) {
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await page.getByText('入会即送 100 积分', { exact: false }).first().waitFor()

  const mall = await apiResponse(page, 'GET', '/api/v1/rewards', () => page.locator('.tile', { hasText: '积分商城' }).click())
  expect(mall.status, `a visitor's mall answered ${JSON.stringify(mall.body).slice(0, 200)}`).toBe(200)
  expect(mall.body.items.length, 'rewards a visitor sees').toBeGreaterThan(0)
  const first = mall.body.items[0]
  await page.locator('.mall__item', { hasText: first.title }).first().waitFor()
  await screenshot('20-guest-mall')
  await page.locator('.mall__item', { hasText: first.title }).first().click()
  await page.locator('.mall-detail__actions .btn-primary', { hasText: '加入会员后兑换' }).waitFor()
  await screenshot('20-guest-reward')

  // Each tile from a freshly loaded home page: going back through Taro's H5 router left pages being torn
  // down while the next tile opened, and the prompt's button was detached under the click now and then.
  const freshHome = async () => {
    await page.goto(`${baseUrl}/#/pages/home/index`)
    await page.reload()
    await page.locator('.tile').first().waitFor()
  }
  await freshHome()
  for (const tile of ['每日签到', '我的券', '邀请好友', '积分明细']) {
    await page.locator('.tile', { hasText: tile }).click()
    const prompt = page.locator('.join-prompt:visible')
    await prompt.getByText('入会即送 100 积分，可直接兑换礼品').waitFor()
    const text = await page.locator('.taro_page:not([style*="display: none"])').last().innerText()
    expect(/NOT_A_MEMBER|重试|您还不是会员/.test(text), `${tile}: no raw code, no retry (saw ${JSON.stringify(text.slice(0, 120))})`).toBe(false)
    if (tile === '每日签到') await screenshot('20-guest-checkin-prompt')
    if (tile === '积分明细') break
    await freshHome()
  }
  await page.locator('.join-prompt:visible .btn-primary', { hasText: '立即加入' }).click()
  await page.waitForURL(/#\/packages\/join\/index/)
  await freshHome()
  await page.locator('.weui-tabbar__item', { hasText: '会员卡' }).click()
  const ladder = page.locator('.tier-ladder')
  await ladder.getByText('钻石会员').waitFor()
  await ladder.getByText('消费享 9 折').waitFor()
  const colours = await page.locator('.tier-ladder__badge').evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundImage))
  expect(new Set(colours).size, `each tier in its own card colour (${colours.join(' | ')})`).toBe(colours.length)
  await screenshot('20-guest-tiers')

  // Accessibility on the home page: tiles are buttons to a screen reader, targets ≥ 44 px, AA contrast.
  await page.locator('.weui-tabbar__item', { hasText: '首页' }).click()
  await page.locator('.tile').first().waitFor()
  expect(await page.getByRole('button', { name: /每日签到/ }).count(), 'the check-in tile is a button to a screen reader').toBeGreaterThan(0)
  const small = await page.locator('button:visible, [role="button"]:visible').evaluateAll((els) =>
    els.map((el) => ({ text: el.textContent.trim().slice(0, 12), h: el.getBoundingClientRect().height })).filter((b) => b.h > 0 && b.h < 44),
  )
  expect(small.length, `targets under 44 px: ${JSON.stringify(small)}`).toBe(0)
  const pairs = await page.evaluate(() => {
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e)
        if (s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent') return s.backgroundColor
      }
      return 'rgb(255, 255, 255)'
    }
    return [...document.querySelectorAll('.tile__subtitle, .home__join-text, .home__join .btn-primary')].map((el) => ({ cls: el.className, fg: getComputedStyle(el).color, bg: bgOf(el) }))
  })
  for (const p of pairs) {
    // A gradient background reads as transparent: the button's own gradient ends are checked in the unit test of the theme.
    const ratio = contrast(rgb(p.fg), rgb(p.bg))
    expect(ratio >= 4.5, `${p.cls}: ${p.fg} on ${p.bg} is ${ratio.toFixed(2)}:1`).toBeTruthy()
  }
  await screenshot('20-guest-home')
}
