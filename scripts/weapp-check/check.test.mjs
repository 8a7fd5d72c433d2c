/**
 * The checker must be able to fail: a tiny weapp with a require() of a missing file and an <import>
 * of a missing template (fixtures/broken) fails check.mjs, on analyseCode, naming both.
 * Run with `node --test scripts/weapp-check/check.test.mjs` (part of npm run check:weapp).
 */
import { spawnSync } from 'node:child_process'
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

test('check.mjs fails on the deliberately broken fixture, naming what does not resolve', () => {
  const run = spawnSync(process.execPath, [path.join(here, 'check.mjs')], {
    env: { ...process.env, WEAPP_DIST: path.join(here, 'fixtures/broken'), WEAPP_SKIP_SIMULATE: '1' },
    encoding: 'utf8',
    timeout: 300_000,
  })
  assert.equal(run.status, 1, `check.mjs exited ${run.status}:\n${run.stdout}\n${run.stderr}`)
  const analyse = run.stdout.split('\n').find((line) => line.includes('miniprogram-ci analyseCode')) ?? ''
  assert.match(analyse, /^FAIL /, `analyseCode line: ${analyse}`)
  assert.match(analyse, /not-there/)
  assert.match(analyse, /missing-template\.wxml/)
})
