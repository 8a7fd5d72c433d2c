#!/usr/bin/env node
/** Adds up every suite's result in a folder (jest --json files and "<suite>: N passed, M failed" text files) into one closing line. */
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2] ?? 'artifacts/test-results'
let passed = 0
let failed = 0
for (const file of fs.readdirSync(dir).sort()) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8')
  let p = 0
  let f = 0
  if (file.endsWith('.json')) {
    const r = JSON.parse(text)
    p = r.numPassedTests
    f = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
  } else {
    const m = text.match(/(\d+) passed, (\d+) failed/g)?.pop()?.match(/(\d+) passed, (\d+) failed/)
    if (!m) continue
    p = Number(m[1])
    f = Number(m[2])
  }
  console.log(`  ${path.basename(file).replace(/\.(json|txt)$/, '').padEnd(16)} ${p} passed, ${f} failed`)
  passed += p
  failed += f
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
