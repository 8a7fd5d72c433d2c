/**
 * The export and import scenarios of npm run bench (alone: BENCH_ONLY=export or BENCH_ONLY=import).
 * export: loads BENCH_EXPORT_MEMBERS members (default 1,000,000; multi-row INSERTs) into their own
 * database, exports them all to .xlsx through the server (POST /staff/exports, polled to the end,
 * then downloaded), and reports the time, the server's RSS before and its peak during the export
 * (VmHWM of the server process, reset first where the kernel allows it; goal < 300 MB), against a
 * ceiling: the same id-batched SELECTs issued directly with mysql2 in the same run (reading, no Excel).
 * import: uploads a CSV of BENCH_IMPORT_MEMBERS new members (default 100,000) and times the dry run
 * and the import through the server (rows per second for each), against a ceiling: the same rows
 * written straight into copies of the tables the import writes, in the same 500-row batches.
 * Env: BENCH_TRANSFERS_DATABASE_URL (default: the bench database's name + _transfers, dropped and recreated).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mysql from 'mysql2/promise'
import { api, recreateDatabase, run, startServer } from './lib.mjs'

const BATCH = 2000

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Resident memory of a process from /proc (kB → MB): now, and the peak since start (or since the last reset). */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS, so the peak is the export's own (needs the right to write it). */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

async function loadMembers(conn, members) {
  const [tiers] = await conn.query('SELECT id FROM tiers ORDER BY `rank`')
  const [stores] = await conn.query("SELECT id FROM stores WHERE kind = 'store' ORDER BY id")
  const now = Date.now()
  for (let start = 0; start < members; start += 5000) {
    const rows = []
    for (let i = start; i < Math.min(members, start + 5000); i++) {
      const joined = new Date(now - (i % 1000) * 86_400_000)
      rows.push([
        `bexp-${i}`, `7${String(i).padStart(11, '0')}`, `会员${i}`, i % 3 ? 'solar' : null, i % 3 ? 1970 + (i % 40) : null, i % 3 ? 1 + (i % 12) : null, i % 3 ? 1 + (i % 28) : null,
        `h${i}`, String(i % 10000).padStart(4, '0'), tiers[i % tiers.length].id, i % 5000, i % 8000, stores[i % stores.length].id, i.toString(36).padStart(8, '0'), 'bench', '2026-11-01', joined, joined,
      ])
    }
    await conn.query(
      'INSERT INTO members (openid, card_no, nickname, birthday_calendar, birth_year, birth_month, birth_day, phone_hash, phone_last4, tier_id, points_balance, growth, join_store_id, referral_code, code_secret, consent_version, consented_at, created_at) VALUES ?',
      [rows],
    )
    if ((start / 5000) % 40 === 39) process.stdout.write(`  loaded ${start + 5000} members\n`)
  }
}

/** The ceiling: the export's own SELECTs, in the same id batches, read straight with mysql2. */
async function readCeiling(databaseUrl) {
  const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
  try {
    const began = performance.now()
    let rows = 0
    for (let afterId = 0; ; ) {
      const [batch] = await conn.query(
        "SELECT m.id, m.card_no, m.nickname, m.phone_cipher, m.phone_last4, m.tier_id, m.points_balance, m.growth, m.join_store_id, m.birthday_calendar, m.birth_year, m.birth_month, m.birth_day, m.created_at, m.last_visit_at FROM members m WHERE m.id > ? AND m.status = 'active' ORDER BY m.id LIMIT ?",
        [afterId, BATCH],
      )
      if (batch.length === 0) break
      rows += batch.length
      afterId = batch[batch.length - 1].id
    }
    return { rows, seconds: Math.round((performance.now() - began) / 100) / 10 }
  } finally {
    await conn.end()
  }
}

async function waitJob(baseUrl, token, path, done) {
  for (;;) {
    const job = await api(baseUrl, 'GET', path, { token })
    if (done(job)) return job
    await sleep(500)
  }
}

async function exportScenario({ baseUrl, server, databaseUrl, token, members }) {
  const ceiling = await readCeiling(databaseUrl)
  process.stdout.write(`  ceiling: ${ceiling.rows} rows read in id batches with mysql2 in ${ceiling.seconds} s\n`)
  const before = memoryOf(server.pid)
  const peakReset = resetPeak(server.pid)
  let sampledPeak = before.rssMb
  const sampler = setInterval(() => {
    try {
      sampledPeak = Math.max(sampledPeak, memoryOf(server.pid).rssMb)
    } catch {}
  }, 100)
  const began = performance.now()
  let job
  try {
    const created = await api(baseUrl, 'POST', '/api/v1/staff/exports', { token, body: { dataset: 'members' } })
    job = await waitJob(baseUrl, token, `/api/v1/staff/exports/${created.id}`, (j) => j.status === 'done' || j.status === 'failed')
  } finally {
    clearInterval(sampler)
  }
  const seconds = Math.round((performance.now() - began) / 100) / 10
  if (job.status !== 'done') throw new Error(`export failed: ${job.error}`)
  const after = memoryOf(server.pid)
  const res = await fetch(`${baseUrl}/api/v1/staff/exports/${job.id}/file`, { headers: { authorization: `Bearer ${token}` } })
  const bytes = (await res.arrayBuffer()).byteLength
  const peakMb = peakReset ? after.peakMb : sampledPeak
  const result = { rows: job.processed, members, seconds, rowsPerSecond: Math.round(job.processed / seconds), fileMb: Math.round(bytes / 1048576), rssBeforeMb: before.rssMb, peakRssMb: peakMb, peakSource: peakReset ? 'VmHWM (reset before the export)' : 'RSS sampled every 100 ms', ceilingSeconds: ceiling.seconds, ofCeiling: Math.round((100 * ceiling.seconds) / seconds) }
  process.stdout.write(`  export: ${result.rows} rows in ${seconds} s (${result.rowsPerSecond} rows/s), ${result.fileMb} MB file; server RSS ${result.rssBeforeMb} MB before, peak ${peakMb} MB (${result.peakSource}); SQL read ceiling ${ceiling.seconds} s = ${result.ofCeiling}% of the export's time\n`)
  return result
}

/** Row i of the import file: 卡号, 姓名, 手机号, 生日, 历法, 门店, 等级, 积分, 成长值. */
function importRow(i, run) {
  const phone = i % 2 ? `15${String(Number.parseInt(run, 36) % 1e3).padStart(3, '0')}${String(i).padStart(6, '0')}` : ''
  return [`IMP${run}-${i}`, `迁入会员${i}`, phone, `${1970 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, i % 10 ? '公历' : '农历', `S00${1 + (i % 2)}`, ['普通', '银卡', '金卡'][i % 3], i % 3000, i % 6000]
}

const IMPORT_TABLES = ['members', 'member_import_keys', 'points_ledger', 'points_lots', 'growth_entries']

/**
 * The import's ceiling: the same rows written straight with mysql2 into empty copies of the tables it
 * writes (member, import key, ledger entry, lot, growth entry), 500 rows a multi-row INSERT and a
 * transaction, as the import batches them; no checks, no rules, no reads.
 */
async function importCeiling(databaseUrl, rows, run) {
  const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
  try {
    for (const t of IMPORT_TABLES) await conn.query(`CREATE TABLE ceiling_${t} LIKE ${t}`)
    const now = new Date()
    const began = performance.now()
    for (let start = 0; start < rows; start += 500) {
      const batch = []
      for (let i = start; i < Math.min(rows, start + 500); i++) batch.push([i + 1, importRow(i, run)])
      await conn.beginTransaction()
      await conn.query('INSERT INTO ceiling_members (id, card_no, nickname, birthday_calendar, birth_year, birth_month, birth_day, phone_hash, phone_last4, tier_id, points_balance, growth, join_store_id, referral_code, code_secret, consent_version, consented_at, created_at) VALUES ?', [
        batch.map(([id, r]) => [id, `C${run}${id}`, r[1], 'solar', 1990, 1, 1, r[2] ? `h${r[2]}` : null, r[2] ? r[2].slice(-4) : null, 1, r[7], r[8], 1, id.toString(36).padStart(8, '-'), 'ceiling', 'imported', now, now]),
      ])
      await conn.query('INSERT INTO ceiling_member_import_keys (external_card_no, member_id, job_id, created_at) VALUES ?', [batch.map(([id, r]) => [r[0], id, 1, now])])
      const credited = batch.filter(([, r]) => r[7] > 0)
      await conn.query('INSERT INTO ceiling_points_ledger (id, member_id, delta, balance_after, type, source_type, source_id, staff_id, reason, dedupe_key, created_at) VALUES ?', [
        credited.map(([id, r]) => [id, id, r[7], r[7], 'adjust', 'import', '1', 1, `原会员卡 ${r[0]} 积分余额迁入`, `import:${id}`, now]),
      ])
      await conn.query('INSERT INTO ceiling_points_lots (member_id, ledger_id, amount, remaining, earned_at, expires_at) VALUES ?', [credited.map(([id, r]) => [id, id, r[7], r[7], now, null])])
      const grown = batch.filter(([, r]) => r[8] > 0)
      if (grown.length) await conn.query('INSERT INTO ceiling_growth_entries (member_id, amount, source_type, source_id, created_at) VALUES ?', [grown.map(([id, r]) => [id, r[8], 'import', '1', now])])
      await conn.commit()
    }
    return Math.round((performance.now() - began) / 100) / 10
  } finally {
    for (const t of IMPORT_TABLES) await conn.query(`DROP TABLE IF EXISTS ceiling_${t}`)
    await conn.end()
  }
}

async function importScenario({ baseUrl, token, rows, databaseUrl }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-import-bench-'))
  const file = path.join(dir, 'members.csv')
  const out = fs.createWriteStream(file)
  out.write('\uFEFF卡号,姓名,手机号,生日,历法,门店,等级,积分,成长值\n')
  const run = Date.now().toString(36)
  for (let i = 0; i < rows; i++) out.write(`${importRow(i, run).join(',')}\n`)
  out.end()
  await new Promise((r) => out.on('finish', r))
  try {
    const ceilingSeconds = await importCeiling(databaseUrl, rows, run)
    process.stdout.write(`  import ceiling: the same ${rows} rows written straight with mysql2 (5 tables, 500-row INSERTs and transactions) in ${ceilingSeconds} s\n`)
    const form = new FormData()
    form.append('file', new Blob([fs.readFileSync(file)]), 'members.csv')
    const dryBegan = performance.now()
    const upload = await fetch(`${baseUrl}/api/v1/staff/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    if (upload.status !== 201) throw new Error(`upload → ${upload.status} ${await upload.text()}`)
    const { id } = await upload.json()
    const dry = await waitJob(baseUrl, token, `/api/v1/staff/imports/${id}`, (j) => j.status === 'done' || j.status === 'failed')
    const drySeconds = Math.round((performance.now() - dryBegan) / 100) / 10
    if (dry.status !== 'done' || dry.rejected) throw new Error(`dry run: ${dry.status} ${dry.error ?? ''} rejected ${dry.rejected}`)
    process.stdout.write(`  import dry run: ${dry.processed} rows checked in ${drySeconds} s\n`)
    const began = performance.now()
    await api(baseUrl, 'POST', `/api/v1/staff/imports/${id}/start`, { token, body: {} })
    const done = await waitJob(baseUrl, token, `/api/v1/staff/imports/${id}`, (j) => j.phase === 'import' && (j.status === 'done' || j.status === 'failed'))
    const seconds = Math.round((performance.now() - began) / 100) / 10
    if (done.status !== 'done') throw new Error(`import failed: ${done.error}`)
    const result = { rows, drySeconds, dryRowsPerSecond: Math.round(rows / drySeconds), seconds, imported: done.imported, rowsPerSecond: Math.round(done.imported / seconds), ceilingSeconds, ofCeiling: Math.round((100 * ceilingSeconds) / seconds) }
    process.stdout.write(`  import: ${done.imported} members created in ${seconds} s (${result.rowsPerSecond} members/s; each: member row, import key, ledger entry and lot, growth entry, stats); the ceiling is ${result.ofCeiling}% of the import's time\n`)
    return result
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export async function transfersBench({ port, env, only }) {
  const own = new URL(env.DATABASE_URL)
  own.pathname = `${own.pathname.replace(/\/+$/, '')}_transfers`
  const databaseUrl = process.env.BENCH_TRANSFERS_DATABASE_URL ?? own.toString()
  const members = Number(process.env.BENCH_EXPORT_MEMBERS ?? 1_000_000)
  const importRows = Number(process.env.BENCH_IMPORT_MEMBERS ?? 100_000)
  const baseUrl = `http://127.0.0.1:${port}`
  const serverEnv = { ...env, DATABASE_URL: databaseUrl, PORT: String(port) }
  const results = { name: 'transfers', load: `${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15-min load average at the start, ${os.cpus().length} CPUs)` }
  process.stdout.write(`transfers: ${databaseUrl}; machine load ${results.load}\n`)
  await recreateDatabase(databaseUrl)
  await run('node', ['server/dist/src/cli/seed.js'], serverEnv)
  if (only !== 'import') {
    const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
    try {
      const began = performance.now()
      await loadMembers(conn, members)
      process.stdout.write(`  loaded ${members} members in ${Math.round((performance.now() - began) / 1000)} s\n`)
    } finally {
      await conn.end()
    }
  }
  const server = await startServer(serverEnv, baseUrl)
  try {
    const token = (await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })).token
    if (only !== 'import') results.export = await exportScenario({ baseUrl, server, databaseUrl, token, members })
    if (only !== 'export') results.import = await importScenario({ baseUrl, token, rows: importRows, databaseUrl })
  } finally {
    server.kill('SIGTERM')
  }
  return results
}
