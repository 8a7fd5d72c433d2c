#!/usr/bin/env node
/**
 * Runs every scripts/e2e/journeys/*.journey.mjs against the H5 build served by the API server.
 * E2E_BASE_URL (default http://127.0.0.1:3000); E2E_ONLY=<substring> to run some journeys.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromiumInstalled, expect, launch, newPage, screenshot } from './harness.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const baseUrl = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')

if (!chromiumInstalled()) {
  console.log('e2e: skipped (Chromium not installed: apt-get install chromium fonts-noto-cjk)')
  process.exit(0)
}

const files = fs
  .readdirSync(path.join(here, 'journeys'))
  .filter((f) => f.endsWith('.journey.mjs') && (!process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY)))
  .sort()

const browser = await launch()
let passed = 0
let failed = 0
for (const file of files) {
  const journey = await import(pathToFileURL(path.join(here, 'journeys', file)).href)
  const page = await newPage(browser)
  const started = Date.now()
  try {
    await journey.run({ page, baseUrl, expect, screenshot: (name) => screenshot(page, name) })
    passed += 1
    console.log(`PASS ${journey.name} (${Date.now() - started} ms)`)
  } catch (error) {
    failed += 1
    const shot = await screenshot(page, `FAILED-${path.basename(file, '.journey.mjs')}`).catch(() => null)
    console.log(`FAIL ${journey.name}: ${error instanceof Error ? error.message : String(error)}${shot ? ` (screenshot ${shot})` : ''}`)
  } finally {
    await page.context().close()
  }
}
await browser.close()
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
