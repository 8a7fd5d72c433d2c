/**
 * Renders the built tab pages (miniapp/dist/weapp) in WeChat's component framework with
 * miniprogram-simulate. A thin host shim stands in for the parts of the base library Taro's output
 * needs: wx.*, App/getApp, Page (mapped onto Component) and getCurrentPages. Not proof of running
 * in WeChat: no layout, no real base library.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')

const dist = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../../miniapp/dist/weapp'))

const calls = { request: [], navigateTo: [], switchTab: [] }
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
    // No server here: every request fails like an unreachable network, so pages show their error state.
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
        pageStack.push(this)
        this.onLoad?.({})
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

async function renderPage(route) {
  global.__simulateRoute = route
  const id = simulate.load(path.join(dist, route), { rootPath: dist, usingComponents: { comp: compId } })
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

  test('mine renders the staff entrance and its button opens staff login', async () => {
    const page = await renderPage('pages/mine/index')
    await waitForText(page, '员工登录')
    const buttons = Array.from(page.dom.querySelectorAll('*')).filter((n) => n.textContent.trim() === '员工登录')
    tap(buttons[buttons.length - 1])
    await new Promise((r) => setTimeout(r, 50))
    expect(calls.navigateTo).toContain('/packages/staff/index')
  })
})
