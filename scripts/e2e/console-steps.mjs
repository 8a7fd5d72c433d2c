/** Steps the web console's journeys share (the console at /admin, on a desktop screen). */

/** Signs in on the console's login page, by keyboard (Enter submits), and waits for the layout. */
export async function consoleLogin({ page, baseUrl }, username = 'demo-hq', password = 'huiyuan-demo') {
  await page.goto(`${baseUrl}/admin/login`)
  const user = page.getByLabel('用户名')
  await user.waitFor()
  // The username field has the focus when the page opens.
  await page.keyboard.type(username)
  await page.getByLabel('密码').fill(password)
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: '退出登录' }).waitFor()
}

/** Opens a page from the side menu and waits for its title. */
export async function openMenu(page, item, title = item) {
  await page.locator('.ant-pro-sider-menu, .ant-menu').getByText(item, { exact: true }).first().click()
  await page.locator('.ant-page-header-heading-title', { hasText: title }).waitFor()
}

/** The antd message toast with this text. */
export const toast = (page, text) => page.locator('.ant-message-notice', { hasText: text }).last()

/** Calls the API from the console's page with its staff token (for set-up and clean-up around a journey). */
export async function consoleApi(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const token = localStorage.getItem('huiyuan.admin.token')
      const res = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body },
  )
}

/** A new member who joins at a store through the API, as the mini-program would (sandbox login, consent). */
export async function joinByApi(baseUrl, openid, storeCode = 'S001') {
  const post = async (path, body, token) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
    const json = await res.json()
    if (!res.ok) throw new Error(`${path} answered ${res.status} ${JSON.stringify(json).slice(0, 200)}`)
    return json
  }
  const notice = await (await fetch(`${baseUrl}/api/v1/privacy-notice`)).json()
  const { code } = await post('/sandbox/wechat/dev/login', { openid })
  const { token } = await post('/api/v1/auth/wechat', { code })
  const joined = await post('/api/v1/members', { scene: `s=${storeCode}`, consentVersion: notice.version }, token)
  return { ...joined.member, token: joined.token }
}

/** A run-unique suffix, so a journey can run again on the same database. */
export const runId = () => Date.now().toString(36).slice(-5)

/** A member redeems a reward through the API and a clerk verifies the coupon at the clerk's store. */
export async function redeemAndVerify(baseUrl, member, clerkUsername) {
  const call = async (method, path, token, body, headers = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined })
    const json = await res.json()
    if (!res.ok) throw new Error(`${path} answered ${res.status} ${JSON.stringify(json).slice(0, 200)}`)
    return json
  }
  const rewards = await call('GET', '/api/v1/rewards', member.token)
  const cheapest = rewards.items.filter((r) => r.stockLeft > 0 && !r.minTier).sort((a, b) => a.pointsPrice - b.pointsPrice)[0]
  const { coupon } = await call('POST', `/api/v1/rewards/${cheapest.id}/redemptions`, member.token)
  const session = await call('POST', '/api/v1/staff/sessions', '', { username: clerkUsername, password: 'huiyuan-demo' })
  return call('POST', '/api/v1/staff/coupon-verifications', session.token, { code: coupon.code }, { 'Idempotency-Key': `verify-${coupon.code}` })
}

/** A store's staff member issues a coupon (满50减10元券) to a member, and a clerk of another store verifies it. */
export async function issueAndVerifyElsewhere(baseUrl, member, issuer, verifier) {
  const call = async (method, path, token, body, headers = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined })
    const json = await res.json()
    if (!res.ok) throw new Error(`${path} answered ${res.status} ${JSON.stringify(json).slice(0, 200)}`)
    return json
  }
  const signIn = async (username) => (await call('POST', '/api/v1/staff/sessions', null, { username, password: 'huiyuan-demo' })).token
  const issuerToken = await signIn(issuer)
  const templates = await call('GET', `/api/v1/staff/coupon-templates?q=${encodeURIComponent('满50减10')}`, issuerToken)
  const template = templates.items.find((t) => t.title === '满50减10元券')
  const coupon = await call('POST', '/api/v1/staff/coupons', issuerToken, { memberCardNo: member.cardNo, templateId: template.id, reason: '结算测试' }, { 'Idempotency-Key': `issue-${member.cardNo}` })
  return call('POST', '/api/v1/staff/coupon-verifications', await signIn(verifier), { code: coupon.code }, { 'Idempotency-Key': `verify-${coupon.code}` })
}

/** The sandbox's 会员活动通知 template: the campaign journeys send it. */
export const ACTIVITY_TEMPLATE = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H'

/** Today at 12:00 in Shanghai, as an ISO instant: outside the default quiet hours (22:00–08:00), so a campaign sends at once. */
export function shanghaiNoon() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return `${day}T04:00:00.000Z`
}
