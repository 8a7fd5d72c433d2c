#!/usr/bin/env node
/**
 * npm run bench: starts the built server on MySQL (a fresh database), loads it with wrk for a bounded run per
 * scenario, and prints a table; bench-results.json gets one object per scenario. Where a scenario has a
 * ceiling, the same SQL transaction is also issued directly with mysql2 in the same run.
 * Env: BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/huiyuan_bench, dropped and recreated),
 * BENCH_DURATION seconds per run (default 8), BENCH_PORT (default 3990), BENCH_ONLY=<substring>[|<substring>…],
 * BENCH_PROFILE_DIR (the server writes a V8 CPU profile there), BENCH_PIN=1 (see pinCpus in lib.mjs).
 * The segments scenario (segments.mjs: a million members in their own database) runs last, or alone with BENCH_ONLY=segments.
 * The campaigns scenario (campaigns.mjs: a million members, a 100,000-recipient campaign, needs REDIS_URL) runs alone
 * with BENCH_ONLY=campaigns.
 * The segments scenario (segments.mjs: a million members in their own database) runs after the HTTP scenarios, or alone with
 * BENCH_ONLY=segments; the dashboards scenario (dashboards.mjs) alone with BENCH_ONLY=dashboards; the Excel export and member import (transfers.mjs) run last, or alone with BENCH_ONLY=export, import or transfers (both).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureWrk, pinCpus, recreateDatabase, run, startServer } from './lib.mjs'
import { prepareActors, scenarios } from './scenarios.mjs'
import { campaignsBench } from './campaigns.mjs'
import { dashboardsBench } from './dashboards.mjs'
import { segmentsBench } from './segments.mjs'
import { transfersBench } from './transfers.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(root)
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/huiyuan_bench'
const duration = Number(process.env.BENCH_DURATION ?? 8)
const port = Number(process.env.BENCH_PORT ?? 3990)
const baseUrl = `http://127.0.0.1:${port}`
// The bench signs check-in members' tokens itself, so it sets the secret the server verifies them with.
const jwtSecret = randomBytes(32).toString('hex')
const env = { JWT_SECRET: jwtSecret, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', DATA_DIR: path.join(root, 'data', 'bench'), NODE_ENV: 'development', H5_DIR: '' }

if (process.env.BENCH_ONLY === 'campaigns') {
  const campaigns = await campaignsBench({ port, env })
  fs.writeFileSync('bench-results.json', JSON.stringify([campaigns], null, 2) + '\n')
  console.log('\nwrote bench-results.json')
  process.exit(0)
}

if (['export', 'import', 'transfers'].includes(process.env.BENCH_ONLY)) {
  const transfers = await transfersBench({ port, env, only: process.env.BENCH_ONLY === 'transfers' ? undefined : process.env.BENCH_ONLY })
  fs.writeFileSync('bench-results.json', JSON.stringify([transfers], null, 2) + '\n')
  console.log('\nwrote bench-results.json')
  process.exit(0)
}

if (process.env.BENCH_ONLY === 'dashboards') {
  const dashboards = await dashboardsBench({ port, env })
  fs.writeFileSync('bench-results.json', JSON.stringify([dashboards], null, 2) + '\n')
  console.log('\nwrote bench-results.json')
  process.exit(0)
}

if (process.env.BENCH_ONLY === 'segments') {
  const segments = await segmentsBench({ port, env })
  fs.writeFileSync('bench-results.json', JSON.stringify([segments], null, 2) + '\n')
  console.log('\nwrote bench-results.json')
  process.exit(0)
}

const pinned = process.env.BENCH_PIN === '1' ? pinCpus() : null
console.log(`bench: database ${databaseUrl}, ${duration} s per run${pinned ? `; ${pinned}` : process.env.BENCH_PIN === '1' ? '; could not pin CPUs (needs a local MariaDB, taskset and the right to use it)' : ''}`)
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130))
await ensureWrk()
await recreateDatabase(databaseUrl)
await run('node', ['server/dist/src/cli/seed.js'], env)
const server = await startServer(env, baseUrl)
const results = []
// BENCH_ONLY=purchase|check-in|verify: the scenarios whose names contain any of the parts.
const only = process.env.BENCH_ONLY?.split('|')
try {
  const actors = await prepareActors(baseUrl)
  for (const scenario of scenarios) {
    if (only && !only.some((part) => scenario.name.includes(part))) continue
    process.stdout.write(`running ${scenario.name} (${scenario.concurrency} clients)…\n`)
    // The ceiling runs first, while the server is idle, so neither run slows the other.
    const ceilingRps = scenario.ceiling ? await scenario.ceiling({ databaseUrl, duration, actors }) : undefined
    const measured = await scenario.run({ baseUrl, databaseUrl, duration, actors, jwtSecret })
    results.push({ name: scenario.name, concurrency: scenario.concurrency, ...measured, ...(ceilingRps !== undefined ? { ceilingRps } : {}) })
  }
} finally {
  server.kill('SIGTERM')
}

const pad = (v, n) => String(v ?? '').padStart(n)
console.log(`\n${'scenario'.padEnd(28)}${pad('clients', 8)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('SQL ceiling', 13)}${pad('of ceiling', 12)}`)
for (const r of results) {
  const share = r.ceilingRps ? `${Math.round((100 * r.rps) / r.ceilingRps)}%` : ''
  console.log(`${r.name.padEnd(28)}${pad(r.concurrency, 8)}${pad(r.rps, 9)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.errors, 8)}${pad(r.ceilingRps, 13)}${pad(share, 12)}`)
}
if (!process.env.BENCH_ONLY) results.push(await segmentsBench({ port, env }), await dashboardsBench({ port, env }), await transfersBench({ port, env }))
fs.writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n')
console.log('\nwrote bench-results.json')
