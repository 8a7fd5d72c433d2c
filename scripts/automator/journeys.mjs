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

/**
 * A new member joins on the join page opened with a store's scene: the stored session is dropped and
 * wx.login mocked with a code the sandbox issued for `openid`. Resolves to the card page.
 */
async function joinThroughPage(miniProgram, apiBase, openid) {
  await miniProgram.callWxMethod('removeStorageSync', 'hy.memberToken')
  const { code } = await sandbox(apiBase, '/dev/login', { openid })
  await miniProgram.mockWxMethod('login', { code, errMsg: 'login:ok' })
  const page = await miniProgram.reLaunch('/packages/join/index?scene=s%3DS001')
  await waitForText(page, '推荐门店：静安旗舰店')
  await tapText(page, 'button', '同意并加入')
  await sleep(1000)
  const card = await miniProgram.currentPage()
  assert.equal(card.path, 'pages/card/index')
  await waitForText(card, '普通会员')
  return card
}

/** The member's own view of their subscriptions, read through the API with a fresh sandbox login. */
async function subscriptionsOf(apiBase, openid) {
  const { code } = await sandbox(apiBase, '/dev/login', { openid })
  const session = await (await fetch(`${apiBase}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()
  const res = await fetch(`${apiBase}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${session.token}` } })
  assert.equal(res.status, 200, `GET /api/v1/subscriptions answered ${res.status}`)
  return res.json()
}

export const journeys = [
  {
    name: 'launch, log in through a mocked wx.login, open the join page with a store scene and join',
    async run({ miniProgram, apiBase }) {
      await joinThroughPage(miniProgram, apiBase, `automator-${Date.now()}`)
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
    name: "a member taps the card's subscribe button, WeChat's pop-up (mocked) accepts, and the server credits one message per template",
    async run({ miniProgram, apiBase }) {
      const openid = `automator-subscribe-${Date.now()}`
      const card = await joinThroughPage(miniProgram, apiBase, openid)
      const before = await subscriptionsOf(apiBase, openid)
      const asked = before.moments.card
      assert.ok(asked.length > 0, 'the card has templates to ask for')
      // WeChat's pop-up, answered "允许" for every template the tap asked for, as the real runtime reports it.
      await miniProgram.mockWxMethod('requestSubscribeMessage', function (options) {
        const answer = { errMsg: 'requestSubscribeMessage:ok' }
        for (const id of options.tmplIds) answer[id] = 'accept'
        return answer
      })
      await tapText(card, 'button', '订阅积分变动与会员活动通知')
      const remaining = async () => {
        const view = await subscriptionsOf(apiBase, openid)
        return asked.map((id) => view.items.find((item) => item.wechatTemplateId === id)?.remaining ?? 0)
      }
      const started = Date.now()
      while ((await remaining()).some((n) => n < 1) && Date.now() - started < 10_000) await sleep(300)
      assert.deepEqual(await remaining(), asked.map(() => 1), 'one message allowed per template the card asked for')
      // 消息订阅 says the same to the member.
      const page = await miniProgram.reLaunch('/packages/subscriptions/index')
      const shown = await waitForText(page, '还可接收 1 条')
      assert.equal(shown.split('还可接收 1 条').length - 1, asked.length, '消息订阅 shows each accepted template enabled')
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
