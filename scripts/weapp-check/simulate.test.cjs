/**
 * Renders built pages (miniapp/dist/weapp) in WeChat's component framework with
 * miniprogram-simulate. A thin host shim stands in for the parts of the base library Taro's output
 * needs: wx.*, App/getApp, Page (mapped onto Component) and getCurrentPages. Not proof of running
 * in WeChat: no layout, no real base library.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')

const dist = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../../miniapp/dist/weapp'))

const calls = { request: [], navigateTo: [], switchTab: [] }
/** The few server answers the join page needs to render what a visitor sees; the card's read stays offline. */
const answers = {
  '/api/v1/auth/wechat': { token: 'simulated-visitor-token', member: null },
  '/api/v1/stores/S001': { code: 'S001', name: '静安旗舰店' },
  '/api/v1/points/welcome': { welcomePoints: 100 },
  '/api/v1/privacy-notice': { version: '2026-11-01', title: '隐私政策', body: '我们收集：微信身份标识。' },
}
const storage = new Map()
const ok = (opts, res) => {
  Promise.resolve().then(() => {
    opts?.success?.(res)
    opts?.complete?.(res)
  })
  return Promise.resolve(res)
}
const wxShim = {
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, SDKVersion: '3.0.0', version: '8.0.0', language: 'zh_CN' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667 }),
  getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
  setStorageSync: (k, v) => void storage.set(k, v),
  removeStorageSync: (k) => void storage.delete(k),
  login: (opts) => ok(opts, { code: 'simulated-code', errMsg: 'login:ok' }),
  request: (opts) => {
    calls.request.push(opts)
    const answer = answers[new URL(opts.url, 'http://x').pathname]
    if (answer) return ok(opts, { statusCode: 200, data: JSON.stringify(answer), header: {}, errMsg: 'request:ok' })
    // Anything else fails like an unreachable network, so pages show their error state.
    Promise.resolve().then(() => {
      opts?.fail?.({ errMsg: 'request:fail simulated offline' })
      opts?.complete?.({ errMsg: 'request:fail simulated offline' })
    })
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  },
  navigateTo: (opts) => {
    calls.navigateTo.push(opts.url)
    return ok(opts, { errMsg: 'navigateTo:ok' })
  },
  switchTab: (opts) => {
    calls.switchTab.push(opts.url)
    return ok(opts, { errMsg: 'switchTab:ok' })
  },
  nextTick: (fn) => setTimeout(fn, 0),
  canIUse: () => true,
}
global.wx = new Proxy(wxShim, {
  get(target, prop) {
    if (prop in target) return target[prop]
    if (typeof prop !== 'string' || prop === 'webpackJsonp' || prop.startsWith('__')) return undefined
    return (opts) => ok(opts, { errMsg: `${prop}:ok` })
  },
})

let appInstance = null
const pageStack = []
global.getApp = () => appInstance
global.getCurrentPages = () => pageStack
global.App = (options) => {
  appInstance = options
  options.onLaunch?.call(options, { path: 'pages/home/index', query: {}, scene: 1001 })
  options.onShow?.call(options, { path: 'pages/home/index', query: {}, scene: 1001 })
}

// A page's lifecycle and handlers become a component's methods; attach = load + show.
global.Page = (options) => {
  const { data, ...rest } = options
  const methods = {}
  for (const [key, value] of Object.entries(rest)) if (typeof value === 'function') methods[key] = value
  global.Component({
    data,
    methods,
    lifetimes: {
      attached() {
        this.route = this.__route__ = global.__simulateRoute
        this.options = global.__simulateQuery
        pageStack.push(this)
        this.onLoad?.(global.__simulateQuery)
        this.onShow?.()
      },
      ready() {
        this.onReady?.()
      },
      detached() {
        this.onUnload?.()
        pageStack.splice(pageStack.indexOf(this), 1)
      },
    },
  })
}

require(path.join(dist, 'app.js'))
// Taro's recursive `comp` component: registered once, reused by every page.
const compId = simulate.load(path.join(dist, 'comp'), 'comp', { rootPath: dist })

const loaded = new Map()

/** `query` is what WeChat hands onLoad: a QR launch's scene arrives URI-encoded, as here. */
async function renderPage(route, query = {}) {
  global.__simulateRoute = route
  global.__simulateQuery = query
  // A page registers once with exparser; a second render of the same route reuses it.
  if (!loaded.has(route)) loaded.set(route, simulate.load(path.join(dist, route), { rootPath: dist, usingComponents: { comp: compId } }))
  const id = loaded.get(route)
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

async function waitForText(page, text, timeoutMs = 5000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (page.dom.textContent.includes(text)) return page.dom.textContent
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`"${text}" not rendered within ${timeoutMs} ms; page text: ${page.dom.textContent.slice(0, 300)}`)
}

function findByText(page, text) {
  const all = Array.from(page.dom.querySelectorAll('*'))
  const el = all.reverse().find((node) => node.textContent.trim() === text)
  if (!el) throw new Error(`no element with text "${text}"`)
  return el
}

function tap(el) {
  // Taro binds bindtap on the element's wrapper; dispatch a WeChat tap through exparser.
  const target = el.__wxElement || el
  const exparser = require('miniprogram-exparser')
  exparser.triggerEvent(target, 'tap', {}, { bubbles: true, composed: true })
}

describe('built weapp tab pages', () => {
  test('home renders its tiles and a tile tap navigates to the check-in subpackage', async () => {
    const page = await renderPage('pages/home/index')
    await waitForText(page, '每日签到')
    await waitForText(page, '积分商城')
    expect(calls.request.length).toBeGreaterThan(0)
    tap(findByText(page, '每日签到'))
    await new Promise((r) => setTimeout(r, 50))
    expect(calls.navigateTo).toContain('/packages/checkin/index')
  })

  test('card shows the honest offline error and retries on tap', async () => {
    const page = await renderPage('pages/card/index')
    await waitForText(page, '网络连接失败')
    const before = calls.request.length
    tap(findByText(page, '重试'))
    await new Promise((r) => setTimeout(r, 100))
    expect(calls.request.length).toBeGreaterThan(before)
  })

  test('mine renders the staff entrance and its link opens staff login', async () => {
    const page = await renderPage('pages/mine/index')
    await waitForText(page, '门店员工入口')
    tap(findByText(page, '门店员工入口'))
    await new Promise((r) => setTimeout(r, 50))
    expect(calls.navigateTo).toContain('/packages/staff/index')
  })
})

describe('built weapp join page, as a QR launch and a shared invitation open it', () => {
  test("a store's code (scene s=S001, URI-encoded as WeChat passes it) names the store and the welcome points", async () => {
    const page = await renderPage('packages/join/index', { scene: 's%3DS001' })
    await waitForText(page, '同意并用微信手机号加入')
    await waitForText(page, '推荐门店：静安旗舰店')
    await waitForText(page, '入会即送 100 积分')
    expect(page.dom.textContent).not.toContain('二维码信息无法识别')
  })

  test('the referral share path (scene r=<code>) opens the join page as an invitation', async () => {
    const page = await renderPage('packages/join/index', { scene: 'r%3DAB12CD' })
    await waitForText(page, '您的好友邀请您加入')
    expect(page.dom.textContent).not.toContain('二维码信息无法识别')
  })

  test('a scene that is not ours says so and still lets the customer join', async () => {
    const page = await renderPage('packages/join/index', { scene: 'x%3D%25%25' })
    await waitForText(page, '二维码信息无法识别')
  })
})
