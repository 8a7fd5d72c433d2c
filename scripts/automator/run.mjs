#!/usr/bin/env node
/**
 * Journeys in the real WeChat runtime, through WeChat DevTools and miniprogram-automator, against the
 * weapp build (miniapp/dist/weapp) and a server at AUTOMATOR_API_BASE (the one TARO_APP_API_BASE baked in).
 * DevTools runs only on macOS/Windows, logged in, with 设置 → 安全设置 → 服务端口 on: set
 * WECHAT_DEVTOOLS_CLI to its cli (macOS: /Applications/wechatwebdevtools.app/Contents/MacOS/cli).
 * Without it every journey is reported skipped, with the reason. Ends with `automator: N passed, M failed, K skipped`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { journeys } from './journeys.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const cli = process.env.WECHAT_DEVTOOLS_CLI
const apiBase = (process.env.AUTOMATOR_API_BASE ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')

let passed = 0
let failed = 0
let skipped = 0

const why = !cli
  ? 'WECHAT_DEVTOOLS_CLI is not set (WeChat DevTools runs on macOS/Windows only)'
  : !fs.existsSync(cli)
    ? `WECHAT_DEVTOOLS_CLI=${cli} does not exist`
    : !fs.existsSync(path.join(repo, 'miniapp/dist/weapp/app.json'))
      ? 'no weapp build: run npm run build:weapp -w miniapp first'
      : null

if (why) {
  for (const journey of journeys) {
    skipped += 1
    console.log(`SKIP ${journey.name}: ${why}`)
  }
} else {
  const { default: automator } = await import('miniprogram-automator')
  // DevTools opens the repo root: project.config.json points it at miniapp/dist/weapp.
  const miniProgram = await automator.launch({ cliPath: cli, projectPath: repo })
  try {
    for (const journey of journeys) {
      const started = Date.now()
      try {
        await journey.run({ miniProgram, apiBase })
        passed += 1
        console.log(`PASS ${journey.name} (${Date.now() - started} ms)`)
      } catch (error) {
        failed += 1
        console.log(`FAIL ${journey.name}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  } finally {
    await miniProgram.close()
  }
}
console.log(`automator: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
