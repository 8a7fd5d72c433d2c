#!/usr/bin/env node
/**
 * Runs every scripts/e2e/journeys/*.journey.mjs against the H5 build and the web console served by the API server.
 * E2E_BASE_URL (default http://127.0.0.1:3000); E2E_ONLY=<substring> to run some journeys.
 * A journey gets { page, baseUrl, expect, screenshot(name, page?), newPage(viewport?), requireRoutes([...]),
 * apiResponse(page, method, path, action), setServerClock(at | null) }; a journey that moves the clock
 * exports `movesClock = true` and the runner puts it back after it. requireRoutes skips it, reported as SKIP and counted
 * apart from passes, only while one of its server routes answers 404 ROUTE_NOT_FOUND.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { apiResponse, chromiumInstalled, expect, JourneySkipped, launch, newPage, requireRoutes, screenshot, setServerClock } from './harness.mjs'

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
let skipped = 0
for (const file of files) {
  const journey = await import(pathToFileURL(path.join(here, 'journeys', file)).href)
  const page = await newPage(browser, journey.viewport)
  // Journeys that need a second person (a clerk beside the member) open more browsers: each is a
  // separate context, so a separate session and localStorage.
  const extraPages = []
  const openPage = async (viewport) => {
    const extra = await newPage(browser, viewport)
    extraPages.push(extra)
    return extra
  }
  const started = Date.now()
  try {
    await journey.run({
      page,
      baseUrl,
      expect,
      screenshot: (name, onPage = page) => screenshot(onPage, name),
      newPage: openPage,
      requireRoutes: (routes) => requireRoutes(baseUrl, routes),
      apiResponse,
      setServerClock: (at) => setServerClock(baseUrl, at),
    })
    passed += 1
    console.log(`PASS ${journey.name} (${Date.now() - started} ms)`)
  } catch (error) {
    if (error instanceof JourneySkipped) {
      skipped += 1
      console.log(`SKIP ${journey.name}: ${error.message}`)
      continue
    }
    failed += 1
    const base = `FAILED-${path.basename(file, '.journey.mjs')}`
    const shots = []
    for (const [i, p] of [page, ...extraPages].entries()) {
      const shot = await screenshot(p, i === 0 ? base : `${base}-${i + 1}`).catch(() => null)
      if (shot) shots.push(shot)
    }
    console.log(`FAIL ${journey.name}: ${error instanceof Error ? error.message : String(error)}${shots.length ? ` (screenshots ${shots.join(', ')})` : ''}`)
  } finally {
    const errors = [page, ...extraPages].flatMap((p, i) => p.scriptErrors.map((m) => `${i === 0 ? '' : `(browser ${i + 1}) `}${m}`))
    for (const message of new Set(errors)) console.log(`  console error: ${message}`)
    for (const p of [page, ...extraPages]) await p.context().close().catch(() => undefined)
    if (journey.movesClock) await setServerClock(baseUrl, null).catch((error) => console.log(`  could not reset the server's clock: ${error.message}`))
  }
}
await browser.close()
console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
