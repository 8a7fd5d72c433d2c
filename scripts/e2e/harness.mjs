/** Tiny browser harness for the H5 build: Debian's Chromium through playwright-core, phone viewport. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const ARTIFACTS = path.join(repo, 'artifacts/e2e')

export const chromiumInstalled = () => fs.existsSync(CHROMIUM)

export async function launch() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Members' phones: 375×812 (an iPhone X-class screen). */
export const PHONE = { width: 375, height: 812 }
/** The web console's journeys set `export const viewport = DESKTOP` (or a larger screen of their own). */
export const DESKTOP = { width: 1366, height: 768 }

/**
 * A fresh context per journey (phone-sized unless the journey exports a desktop `viewport`), so each journey is a new browser (a new member).
 * `page.scriptErrors` collects uncaught exceptions and console errors (not HTTP failures, which the
 * journeys check themselves), so the runner can report what a passing journey left in the console.
 */
export async function newPage(browser, viewport = PHONE) {
  const context = await browser.newContext(viewport === PHONE ? { viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport, deviceScaleFactor: 1, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  page.scriptErrors = []
  page.on('pageerror', (error) => page.scriptErrors.push(`uncaught ${error.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) page.scriptErrors.push(msg.text().split('\n')[0])
  })
  return page
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  // Taro H5 slides pages in and fades modals over 300 ms; shoot the settled screen, not the motion.
  await page.waitForTimeout(400)
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

/** Thrown by a journey whose server routes are not deployed yet: the runner reports it as skipped. */
export class JourneySkipped extends Error {
  constructor(reason) {
    super(reason)
    this.name = 'JourneySkipped'
  }
}

/**
 * Skips the journey when any of these routes answers 404 ROUTE_NOT_FOUND (not deployed yet). Any
 * other answer (401 without a token, 400 for an empty body…) means the route exists and the journey runs.
 * routes: ['POST /api/v1/checkins', 'GET /api/v1/checkins/calendar', …]
 */
export async function requireRoutes(baseUrl, routes) {
  const missing = []
  for (const route of routes) {
    const [method, path] = route.split(' ')
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    })
    const body = await res.json().catch(() => null)
    if (res.status === 404 && body?.error?.code === 'ROUTE_NOT_FOUND') missing.push(route)
  }
  if (missing.length) throw new JourneySkipped(`server route not deployed (404 ROUTE_NOT_FOUND): ${missing.join(', ')}`)
}

/**
 * Moves the server's clock (a development server's DevClock, PUT /api/v1/dev/clock) so a journey runs on
 * the day it needs, whatever today is; `at` null puts it back to real time. The runner resets it after
 * every journey that exports `movesClock`, so a failing one leaves no moved clock behind.
 */
export async function setServerClock(baseUrl, at) {
  const res = await fetch(`${baseUrl}/api/v1/dev/clock`, at ? { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ at }) } : { method: 'DELETE' })
  const body = await res.json().catch(() => null)
  if (res.status !== 200) throw new Error(`the server's clock cannot be moved: ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
  return body
}

/** The body of the next API response to `method path` (path without query), after `action` runs. */
export async function apiResponse(page, method, pathname, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname),
    action(),
  ])
  const text = await res.text()
  let body = null
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: res.status(), body }
}

/** Asks `check` every second until it answers something truthy (a background job's result), then returns it. */
export async function poll(what, check, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

export function expect(actual, message = 'expectation') {
  const fail = (why) => {
    throw new Error(`${message}: ${why}`)
  }
  return {
    toBe: (expected) => actual === expected || fail(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`),
    toContain: (part) => (actual ?? '').includes(part) || fail(`expected to contain ${JSON.stringify(part)}, got ${JSON.stringify(String(actual).slice(0, 200))}`),
    toMatch: (re) => re.test(String(actual)) || fail(`expected to match ${re}, got ${JSON.stringify(String(actual).slice(0, 200))}`),
    toBeTruthy: () => Boolean(actual) || fail(`expected truthy, got ${JSON.stringify(actual)}`),
    toBeGreaterThan: (n) => actual > n || fail(`expected > ${n}, got ${actual}`),
    toBeOneOf: (options) => options.includes(actual) || fail(`expected one of ${JSON.stringify(options)}, got ${JSON.stringify(actual)}`),
  }
}
