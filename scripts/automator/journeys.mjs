/**
 * The journeys run.mjs drives in WeChat DevTools. WeChat's own APIs are mocked with codes the server's
 * sandbox issues (`POST /sandbox/wechat/dev/login`, `/dev/phone-code`), so the server's real
 * code2Session and phone exchange run behind them.
 */
import assert from 'node:assert/strict'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function sandbox(apiBase, path, body) {
  const res = await fetch(`${apiBase}/sandbox/wechat${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.equal(res.status, 200, `${path} answered ${res.status}`)
  return res.json()
}

/** Polls the page's text until it contains `text` (the first render is asynchronous). */
async function waitForText(page, text, timeoutMs = 10_000) {
  const started = Date.now()
  for (;;) {
    const root = await page.$('page')
    const shown = root ? await root.text() : ''
    if (shown.includes(text)) return shown
    if (Date.now() - started > timeoutMs) throw new Error(`"${text}" not shown; page says ${JSON.stringify(shown.slice(0, 200))}`)
    await sleep(200)
  }
}

async function tapText(page, selector, text) {
  for (const el of await page.$$(selector)) {
    if ((await el.text()).includes(text)) return el.tap()
  }
  throw new Error(`no ${selector} with ${text}`)
}

export const journeys = [
  {
    name: 'launch, log in through a mocked wx.login, open the join page with a store scene and join',
    async run({ miniProgram, apiBase }) {
      const openid = `automator-${Date.now()}`
      const { code } = await sandbox(apiBase, '/dev/login', { openid })
      await miniProgram.mockWxMethod('login', { code, errMsg: 'login:ok' })
      const page = await miniProgram.reLaunch('/packages/join/index?scene=s%3DS001')
      await waitForText(page, '推荐门店：静安旗舰店')
      await tapText(page, 'button', '同意并加入')
      await sleep(1000)
      const card = await miniProgram.currentPage()
      assert.equal(card.path, 'pages/card/index')
      await waitForText(card, '普通会员')
    },
  },
  {
    name: 'a clerk looks a member up with a mocked scanCode',
    async run({ miniProgram, apiBase }) {
      const openid = `automator-scan-${Date.now()}`
      const { code } = await sandbox(apiBase, '/dev/login', { openid })
      const session = await (await fetch(`${apiBase}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()
      const joined = await (await fetch(`${apiBase}/api/v1/members`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` }, body: JSON.stringify({ consentVersion: '2026-11-01' }) })).json()
      const memberCode = (await (await fetch(`${apiBase}/api/v1/members/me/code`, { headers: { authorization: `Bearer ${joined.token}` } })).json()).code
      await miniProgram.mockWxMethod('scanCode', { result: memberCode, scanType: 'QR_CODE', errMsg: 'scanCode:ok' })
      let page = await miniProgram.reLaunch('/packages/staff/index')
      const [user, password] = await page.$$('input')
      await user.input('demo-clerk')
      await password.input('huiyuan-demo')
      await tapText(page, 'button', '登录')
      await sleep(1500)
      page = await miniProgram.currentPage()
      assert.equal(page.path, 'packages/staff/console')
      await tapText(page, 'button', '扫码')
      await waitForText(page, joined.member.cardNo)
    },
  },
  {
    // The mini-program has no subscribe prompt of its own yet; this pins the mock the campaign journeys will use.
    name: 'requestSubscribeMessage can be mocked as accepted in the real runtime',
    async run({ miniProgram }) {
      await miniProgram.mockWxMethod('requestSubscribeMessage', { errMsg: 'requestSubscribeMessage:ok' })
      const result = await miniProgram.evaluate(() => new Promise((resolve) => wx.requestSubscribeMessage({ tmplIds: ['any'], complete: resolve })))
      assert.equal(result.errMsg, 'requestSubscribeMessage:ok')
    },
  },
  {
    name: "the referral page shares the join page with the member's code as the scene",
    async run({ miniProgram }) {
      const page = await miniProgram.reLaunch('/packages/referrals/index')
      const shown = await waitForText(page, '我的邀请码')
      const referralCode = shown.match(/我的邀请码\s*([A-Z0-9]{4,8})/)?.[1]
      assert.ok(referralCode, 'referral code on the page')
      const share = await page.callMethod('onShareAppMessage', {})
      assert.equal(share.path, `/packages/join/index?scene=${encodeURIComponent(`r=${referralCode}`)}`)
    },
  },
]
