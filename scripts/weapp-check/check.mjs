#!/usr/bin/env node
/**
 * Checks the built weapp (miniapp/dist/weapp) with WeChat's own tools, offline:
 * wcc / wcsc compile every .wxml / .wxss, miniprogram-ci compiles, analyses and sizes the packages,
 * and miniprogram-simulate renders the tab pages, the join page opened with a store's scene and the
 * referral share path. Run from the repo root after `npm run build:weapp -w miniapp`.
 * WEAPP_DIST checks another folder (check.test.mjs points it at fixtures/broken, which must fail);
 * WEAPP_SKIP_SIMULATE=1 skips step 4. Prints one line per check and `weapp-check: N passed, M failed`;
 * exits 1 on any failure.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const distDir = path.resolve(process.env.WEAPP_DIST ?? path.join(repo, 'miniapp/dist/weapp'))
const MAIN_BUDGET = 1024 * 1024
const PACKAGE_LIMIT = 2 * 1024 * 1024

const results = []
function record(ok, name, detail = '') {
  results.push(ok)
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`)
}

function walk(dir, ext, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, ext, out)
    else if (entry.name.endsWith(ext)) out.push(path.relative(distDir, full).split(path.sep).join('/'))
  }
  return out.sort()
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

if (!fs.existsSync(path.join(distDir, 'app.json'))) {
  record(false, 'build present', `${distDir}/app.json missing: run npm run build:weapp -w miniapp first`)
  finish()
}

// WeChat's compilers ship without the exec bit; run private copies.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-'))
const compilerBin = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin/linux')
const wcc = path.join(tmp, 'wcc')
const wcsc = path.join(tmp, 'wcsc')
fs.copyFileSync(path.join(compilerBin, 'wcc'), wcc)
fs.copyFileSync(path.join(compilerBin, 'wcsc'), wcsc)
fs.chmodSync(wcc, 0o755)
fs.chmodSync(wcsc, 0o755)

const firstLines = (buf) => buf.toString().trim().split('\n').slice(0, 3).join(' | ')

// 1. wcc: every .wxml, with the .wxs modules it may reference.
const wxsFiles = walk(distDir, '.wxs')
const wxmlFiles = walk(distDir, '.wxml')
for (const file of wxmlFiles) {
  const run = spawnSync(wcc, ['-d', '-cc', '0', file, ...wxsFiles, '-gn', '$gwx'], { cwd: distDir, maxBuffer: 64 * 1024 * 1024 })
  record(run.status === 0, `wcc ${file}`, run.status === 0 ? '' : `exit ${run.status}: ${firstLines(run.stderr)}`)
}

// 2. wcsc: every .wxss, with the others available for @import.
const wxssFiles = walk(distDir, '.wxss')
for (const file of wxssFiles) {
  const others = wxssFiles.filter((f) => f !== file)
  const run = spawnSync(wcsc, ['-db', '-pc', '0', file, ...others], { cwd: distDir, maxBuffer: 64 * 1024 * 1024 })
  const ok = run.status === 0
  record(ok, `wcsc ${file}`, ok ? '' : `exit ${run.status}: ${firstLines(run.stderr)}`)
}

// 3. miniprogram-ci, offline: no appid, no real key, no WeChat servers.
const ci = require('miniprogram-ci')
ci.proxy('http://127.0.0.1:9')
const keyPath = path.join(tmp, 'private.dummy.key')
fs.writeFileSync(keyPath, '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n')
const project = new ci.Project({
  appid: 'wx0000000000000000',
  type: 'miniProgram',
  projectPath: distDir,
  privateKeyPath: keyPath,
  ignores: ['node_modules/**/*'],
})
project.attr = async () => ci.DefaultProjectAttr

const quiet = async (fn) => {
  const log = console.log
  const info = console.info
  const warn = console.warn
  const error = console.error
  console.log = console.info = console.warn = console.error = () => {}
  try {
    return await fn()
  } finally {
    Object.assign(console, { log, info, warn, error })
  }
}

try {
  const started = Date.now()
  const compiled = await quiet(() => ci.getCompiledResult({ project, setting: { es6: true, es7: true, minify: true } }, path.join(tmp, 'compiled')))
  record(true, 'miniprogram-ci getCompiledResult', `${Object.keys(compiled).length} files in ${Date.now() - started} ms`)
} catch (error) {
  record(false, 'miniprogram-ci getCompiledResult', String(error?.message ?? error).split('\n').slice(0, 3).join(' | '))
}

// analyseCode resolves every require(), <import>, <include>, usingComponents and page; what it cannot
// resolve is reported on the module (modules[].errors) or on the dependency (modules[].deps[].error),
// not in a top-level `errors`, which it does not return.
try {
  const analysis = await quiet(() => ci.analyseCode(project, { silent: true }))
  const modules = analysis?.modules ?? []
  const problems = modules.flatMap((m) => [
    ...(m.errors ?? []).map((e) => `${m.path ?? m.id}: ${typeof e === 'string' ? e : JSON.stringify(e)}`),
    ...(m.deps ?? []).filter((d) => d.error).map((d) => `${m.path ?? m.id}: ${d.error}`),
  ])
  record(modules.length > 0 && problems.length === 0, 'miniprogram-ci analyseCode', `${modules.length} modules${problems.length ? `, ${problems.length} unresolved: ${problems.slice(0, 3).join(' | ')}` : ''}`)
} catch (error) {
  record(false, 'miniprogram-ci analyseCode', String(error?.message ?? error).split('\n')[0])
}

try {
  const quality = await quiet(() => ci.checkCodeQuality(project))
  const sizes = quality.find((item) => item.name === 'PACKAGE_SIZE_LIMIT')?.detail ?? {}
  const entries = Object.entries(sizes)
  if (!entries.length) record(false, 'miniprogram-ci checkCodeQuality sizes', 'no PACKAGE_SIZE_LIMIT detail')
  for (const [name, bytes] of entries) {
    const isMain = name === '__APP__'
    const limit = isMain ? MAIN_BUDGET : PACKAGE_LIMIT
    record(bytes <= limit, `size ${isMain ? 'main package' : name}`, `${kb(bytes)} (limit ${kb(limit)})`)
  }
} catch (error) {
  record(false, 'miniprogram-ci checkCodeQuality', String(error?.message ?? error).split('\n')[0])
}

// 4. miniprogram-simulate: render pages from the build in WeChat's component framework (under jest + jsdom).
if (process.env.WEAPP_SKIP_SIMULATE === '1') finish()
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin/jest.js')
const reportPath = path.join(tmp, 'simulate-report.json')
const sim = spawnSync(
  process.execPath,
  [jestBin, '--config', path.join(here, 'simulate.jest.config.cjs'), '--json', `--outputFile=${reportPath}`, '--silent'],
  { cwd: repo, env: { ...process.env, WEAPP_DIST: distDir }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
)
if (fs.existsSync(reportPath)) {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'))
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      record(test.status === 'passed', `simulate ${test.fullName}`, test.status === 'passed' ? '' : (test.failureMessages[0] ?? '').split('\n').slice(0, 2).join(' | '))
    }
    if (suite.status === 'failed' && suite.assertionResults.length === 0) record(false, 'simulate suite', suite.message.split('\n').slice(0, 4).join(' | '))
  }
} else {
  record(false, 'simulate', `jest produced no report (exit ${sim.status}): ${(sim.stderr ?? '').split('\n').slice(0, 5).join(' | ')}`)
}

finish()

function finish() {
  const passed = results.filter(Boolean).length
  const failed = results.length - passed
  console.log(`weapp-check: ${passed} passed, ${failed} failed`)
  // miniprogram-ci leaves watchers and workers running.
  process.exit(failed > 0 || results.length === 0 ? 1 : 0)
}
