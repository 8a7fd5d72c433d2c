/**
 * The dashboards scenario of npm run bench (alone: BENCH_ONLY=dashboards npm run bench). Loads a
 * programme into its own MySQL database (the bench database's name + _dashboards, or
 * BENCH_DASHBOARDS_DATABASE_URL): BENCH_DASHBOARD_MEMBERS members (default 1,000,000) with their
 * purchases and check-ins (segments.mjs's loader), and BENCH_DASHBOARD_LEDGER points-ledger entries
 * (default 10,000,000) spread over the last year (earn at a store, spend, expire, refunds). Then it
 * times, through the server: the rollup job's first run (every day since the first join), a steady
 * run (the open days only), and each panel over HTTP for 30 and 365 days, p50 / p95 of
 * BENCH_DASHBOARD_RUNS runs (default 10). Goal: every panel under 1 s.
 */
import mysql from 'mysql2/promise'
import { api, postLong, recreateDatabase, run, startServer } from './lib.mjs'
import { load } from './segments.mjs'

const DAY = 86_400_000
const STORES = 30
const PANELS = ['members', 'points', 'checkins', 'coupons', 'referrals', 'campaigns']

/**
 * The ledger, generated inside MariaDB (INSERT … SELECT over the sequence engine, a million rows a
 * statement): row by row from here, ten million entries would take most of an hour on a busy box.
 */
async function loadLedger(conn, { entries, now, stores }) {
  const [[{ lo, hi }]] = await conn.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM members')
  await conn.query("SET time_zone = '+00:00'")
  const storeIds = stores.map((s) => Number(s.id)).join(', ')
  const chunk = 1_000_000
  for (let done = 0; done < entries; done += chunk) {
    const n = Math.min(chunk, entries - done)
    await conn.query(
      `INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at)
       SELECT ${lo} + FLOOR(r.m * ${hi - lo + 1}),
              (CASE WHEN r.type IN ('earn', 'adjust') THEN 1 ELSE -1 END) * (1 + FLOOR(r.size * 300)), 0, r.type, r.type, NULL,
              CASE WHEN r.type IN ('earn', 'refund') THEN ELT(1 + FLOOR(r.store * ${stores.length}), ${storeIds}) END, NULL, 'bench', NULL,
              FROM_UNIXTIME(${Math.floor(now / 1000)} - FLOOR(r.age * ${365 * 86400}))
         FROM (SELECT RAND() AS m, k.kind, RAND() AS size, RAND() AS store, RAND() AS age,
                      CASE WHEN k.kind < 0.62 THEN 'earn' WHEN k.kind < 0.82 THEN 'spend' WHEN k.kind < 0.92 THEN 'expire' WHEN k.kind < 0.96 THEN 'refund' ELSE 'adjust' END AS type
                 FROM (SELECT seq, RAND() AS kind FROM seq_1_to_${n}) k) r`,
    )
    process.stdout.write(`  loaded ${done + n} ledger entries\n`)
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

export async function dashboardsBench({ port, env }) {
  const own = new URL(env.DATABASE_URL)
  own.pathname = `${own.pathname.replace(/\/+$/, '')}_dashboards`
  const databaseUrl = process.env.BENCH_DASHBOARDS_DATABASE_URL ?? own.toString()
  const members = Number(process.env.BENCH_DASHBOARD_MEMBERS ?? 1_000_000)
  const entries = Number(process.env.BENCH_DASHBOARD_LEDGER ?? 10_000_000)
  const runs = Number(process.env.BENCH_DASHBOARD_RUNS ?? 10)
  const baseUrl = `http://127.0.0.1:${port}`
  const serverEnv = { ...env, DATABASE_URL: databaseUrl, PORT: String(port) }
  process.stdout.write(`dashboards: ${members} members and ${entries} ledger entries into ${databaseUrl}\n`)
  const results = { name: 'dashboards', members, ledgerEntries: entries }
  await recreateDatabase(databaseUrl)
  await run('node', ['server/dist/src/cli/seed.js'], serverEnv)
  let server = await startServer(serverEnv, baseUrl)
  const hq = await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })
  for (let i = 3; i <= STORES; i++) {
    await api(baseUrl, 'POST', '/api/v1/staff/stores', { token: hq.token, body: { code: `S${String(i).padStart(3, '0')}`, name: `门店${i}`, kind: 'store', parentCode: 'HQ' } })
  }
  server.kill('SIGTERM')
  const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
  try {
    const [tiers] = await conn.query('SELECT id, code FROM tiers ORDER BY `rank`')
    const [stores] = await conn.query("SELECT id, code FROM stores WHERE kind = 'store' ORDER BY id")
    const began = performance.now()
    const now = Date.now()
    await load(conn, { members, now, tiers, stores })
    await loadLedger(conn, { entries, now, stores })
    results.loadSeconds = Math.round((performance.now() - began) / 100) / 10
    process.stdout.write(`  loaded in ${results.loadSeconds} s\n`)
  } finally {
    await conn.end()
  }
  server = await startServer(serverEnv, baseUrl)
  try {
    const token = (await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })).token
    for (const which of ['first', 'steady']) {
      const t0 = performance.now()
      const status = await postLong(baseUrl, '/api/v1/staff/dashboards/refresh', token)
      results[`${which}RollupSeconds`] = Math.round((performance.now() - t0) / 100) / 10
      process.stdout.write(`  rollup (${which} run): ${results[`${which}RollupSeconds`]} s, frozen through ${status?.frozenThrough}\n`)
    }
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const daysBack = (n) => new Date(Date.parse(today) - n * DAY).toISOString().slice(0, 10)
    results.panels = []
    for (const days of [30, 365]) {
      for (const panel of [...PANELS, 'rfm']) {
        const path = `/api/v1/staff/dashboards/${panel}` + (panel === 'rfm' ? '' : `?from=${daysBack(days - 1)}&to=${today}`)
        const times = []
        for (let i = 0; i < runs + 2; i++) {
          const t0 = performance.now()
          await api(baseUrl, 'GET', path, { token })
          if (i >= 2) times.push(performance.now() - t0)
        }
        times.sort((a, b) => a - b)
        const row = { panel, days, p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)) }
        results.panels.push(row)
        process.stdout.write(`  ${panel} (${days} days): p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms\n`)
      }
    }
  } finally {
    server.kill('SIGTERM')
  }
  console.log(`\ndashboards over ${members} members and ${entries} ledger entries: load ${results.loadSeconds} s, first rollup ${results.firstRollupSeconds} s, steady rollup ${results.steadyRollupSeconds} s`)
  console.log(`${'panel'.padEnd(12)}${'days'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'goal 1000 ms'.padStart(14)}`)
  for (const r of results.panels) console.log(`${r.panel.padEnd(12)}${String(r.days).padStart(6)}${String(r.p50Ms).padStart(9)}${String(r.p95Ms).padStart(9)}${(r.p95Ms < 1000 ? 'ok' : 'over').padStart(14)}`)
  return results
}
