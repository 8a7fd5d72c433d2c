/** Steps several journeys share, done through the UI the way a member or a clerk would. */

/** Taro's H5 Input renders the placeholder on a wrapper and on the real <input>; type into the input. */
export const input = (page, placeholder) => page.locator(`input[placeholder="${placeholder}"]`)

/** A new browser joins at store S001 through the join page; resolves to the member card the server returned. */
export async function joinAsNewMember({ page, baseUrl, expect, apiResponse }) {
  await page.goto(`${baseUrl}/#/packages/join/index?scene=s%3DS001`)
  await page.getByText('我们收集').first().waitFor()
  const joined = await apiResponse(page, 'POST', '/api/v1/members', () => page.getByText('同意并加入', { exact: true }).click())
  expect(joined.status, `join answered ${JSON.stringify(joined.body).slice(0, 200)}`).toBe(201)
  await page.waitForURL(/#\/pages\/card\/index/)
  await page.locator('.member-card__no').getByText(joined.body.member.cardNo).waitFor()
  return joined.body.member
}

/** The points figure on the member card. */
export async function cardPoints(page) {
  return Number((await page.locator('.member-card__value').first().innerText()).trim())
}

/** Signs a clerk in on the staff login page and waits for the console. */
export async function staffLogin({ page, baseUrl }, username = 'demo-clerk', password = 'huiyuan-demo') {
  await page.goto(`${baseUrl}/#/packages/staff/index`)
  await input(page, '请输入用户名').pressSequentially(username)
  await input(page, '请输入密码').pressSequentially(password)
  await page.locator('.btn-primary', { hasText: '登录' }).click()
  await page.waitForURL(/#\/packages\/staff\/console/)
  await page.getByText('查询会员', { exact: true }).waitFor()
}

/** Switches tabs with the tab bar at the bottom of the screen. */
export async function tapTab(page, text) {
  await page.locator('.weui-tabbar__item', { hasText: text }).click()
}

/**
 * What a person reads on the current screen holds no English message and no raw error code
 * (NOT_A_MEMBER, NETWORK_ERROR, "must not be greater than"…). Input values are not screen text.
 */
export async function expectChineseOnly(page, expect, where) {
  const text = await page.evaluate(() => {
    const pages = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none')
    const shown = pages[pages.length - 1] ?? document.body
    const modal = document.querySelector('.taro__modal, .taro__toast')
    return `${shown.innerText}\n${modal ? modal.innerText : ''}`
  })
  const code = text.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/)
  expect(code, `${where}: a raw error code on screen (${code?.[0]}) in ${JSON.stringify(text.slice(0, 300))}`).toBe(null)
  const english = text.match(/\b[A-Za-z]{4,}\b(?:\s+[A-Za-z]+)*/)
  expect(english, `${where}: English on screen (${english?.[0]}) in ${JSON.stringify(text.slice(0, 300))}`).toBe(null)
}
