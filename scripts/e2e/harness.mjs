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

/** A fresh phone-sized context per journey, so each journey is a new browser (a new member). */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return page
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
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
  }
}
