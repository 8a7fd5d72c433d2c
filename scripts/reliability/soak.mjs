#!/usr/bin/env node
/**
 * npm run soak: the built server under a steady mix of member and staff journeys for SOAK_SECONDS
 * (default 600), printing per minute the throughput, p50/p99 latency and error rate, then the
 * invariant checker. Fails on any 5xx, any dropped connection, a dead server or a broken invariant.
 *
 *   SOAK_SECONDS=600 SOAK_RATE=40 DATABASE_URL=mysql://root@127.0.0.1:3306/hy_soak REDIS_URL=redis://127.0.0.1:6379/1 npm run soak
 *
 * DATABASE_URL names a database the soak may fill (it is created if missing); without it an SQLite
 * file in a temporary folder is used. REDIS_URL is passed through. SOAK_PORT (default 4180).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = join(root, 'server', 'dist', 'src')
const seconds = Number(process.env.SOAK_SECONDS ?? 600)
const rate = Number(process.env.SOAK_RATE ?? 40)
const port = Number(process.env.SOAK_PORT ?? 4180)
const base = `http://127.0.0.1:${port}`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  H5_DIR: '',
  HOST: '127.0.0.1',
  PORT: String(port),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'hy-soak-')),
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `hy-soak-${Date.now()}` } : {}),
}

function run(file, args = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dist, file), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

async function call(method, path, { token, body } = {}) {
  const headers = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const started = performance.now()
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started }
  } catch {
    return { status: 0, body: null, ms: performance.now() - started }
  }
}

async function setUp() {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    const name = url.pathname.slice(1)
    url.pathname = '/'
    const conn = await mysql.createConnection(url.toString())
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
    await conn.end()
  }
  const seeded = await run('cli/seed.js')
  if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.out}`)
}

async function main() {
  await setUp()
  const server = spawn(process.execPath, [join(dist, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let serverLog = ''
  server.stdout.on('data', (d) => (serverLog += d))
  server.stderr.on('data', (d) => (serverLog += d))
  let exited = null
  server.on('exit', (code, signal) => (exited = { code, signal }))
  for (let i = 0; i < 300 && (await call('GET', '/api/health')).status !== 200; i++) await sleep(100)

  const login = async (username) => (await call('POST', '/api/v1/staff/sessions', { body: { username, password: 'huiyuan-demo' } })).body.token
  const hq = await login('demo-hq')
  const clerk = await login('demo-clerk')
  const template = await call('POST', '/api/v1/staff/coupon-templates', { token: hq, body: { title: '浸泡券', kind: 'cash', amountCents: 500, minSpendCents: 0, validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all' } })
  const reward = await call('POST', '/api/v1/staff/rewards', { token: hq, body: { title: '浸泡券', pointsPrice: 20, stock: 1_000_000, couponTemplateId: template.body.id } })
  const { PRIVACY_NOTICE_VERSION } = await import(join(root, 'shared-types', 'dist', 'index.js'))
  const members = []
  for (let i = 0; i < 50; i++) {
    const code = (await call('POST', '/sandbox/wechat/dev/login', { body: { openid: `soak-${Date.now()}-${i}` } })).body.code
    const visitor = (await call('POST', '/api/v1/auth/wechat', { body: { code } })).body.token
    const joined = await call('POST', '/api/v1/members', { token: visitor, body: { consentVersion: PRIVACY_NOTICE_VERSION } })
    members.push({ token: joined.body.token, cardNo: joined.body.member.cardNo })
  }
  const coupons = []
  const purchases = []
  let order = 0
  const pick = (list) => list[Math.floor(Math.random() * list.length)]
  // A steady mix of what members and clerks do all day, by weight.
  const journeys = [
    [25, () => call('GET', '/api/v1/members/me', { token: pick(members).token })],
    [10, () => call('GET', '/api/v1/points/ledger', { token: pick(members).token })],
    [10, () => call('POST', '/api/v1/checkins', { token: pick(members).token })],
    [20, async () => {
      const r = await call('POST', '/api/v1/staff/purchases', { token: clerk, body: { cardNo: pick(members).cardNo, amountCents: 1000 + Math.floor(Math.random() * 20000), orderNo: `SOAK-${Date.now()}-${order++}` } })
      if (r.status === 201) purchases.push(r.body.id)
      return r
    }],
    [10, async () => {
      const r = await call('POST', `/api/v1/rewards/${reward.body.id}/redemptions`, { token: pick(members).token })
      if (r.status === 201) coupons.push(r.body.coupon.code)
      return r
    }],
    [5, () => (coupons.length ? call('POST', '/api/v1/staff/coupon-verifications', { token: clerk, body: { code: coupons.shift() } }) : call('GET', '/api/v1/rewards', { token: pick(members).token }))],
    [5, () => (purchases.length ? call('POST', `/api/v1/staff/purchases/${pick(purchases)}/refunds`, { token: clerk, body: { amountCents: 500 } }) : call('GET', '/api/v1/coupons', { token: pick(members).token }))],
    [10, () => call('GET', `/api/v1/staff/members/lookup?cardNo=${pick(members).cardNo}`, { token: clerk })],
    [5, () => call('GET', '/api/v1/coupons', { token: pick(members).token })],
  ]
  const total = journeys.reduce((s, [w]) => s + w, 0)
  const journey = () => {
    let x = Math.random() * total
    for (const [w, fn] of journeys) if ((x -= w) < 0) return fn()
    return journeys[0][1]()
  }

  console.log(`soak: ${seconds} s at ${rate} req/s against ${process.env.DATABASE_URL ? 'MySQL' : 'SQLite'}${process.env.REDIS_URL ? ' + Redis' : ''}`)
  const windows = []
  let current = { ms: [], s5xx: 0, s4xx: 0, dropped: 0, started: Date.now() }
  const inFlight = new Set()
  const flush = () => {
    const w = current
    const n = w.ms.length
    const sorted = [...w.ms].sort((a, b) => a - b)
    const q = (p) => (n ? sorted[Math.min(n - 1, Math.floor(p * n))].toFixed(0) : '-')
    const secs = (Date.now() - w.started) / 1000
    windows.push({ n, s5xx: w.s5xx, dropped: w.dropped })
    console.log(`minute ${windows.length}: ${n} requests, ${(n / secs).toFixed(1)} req/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, 5xx ${w.s5xx} (${n ? ((100 * w.s5xx) / n).toFixed(2) : '0.00'}%), 4xx ${w.s4xx}, dropped ${w.dropped}`)
    current = { ms: [], s5xx: 0, s4xx: 0, dropped: 0, started: Date.now() }
  }
  const end = Date.now() + seconds * 1000
  let next = Date.now()
  let nextMinute = Date.now() + 60_000
  while (Date.now() < end && !exited) {
    if (inFlight.size < 200) {
      const window = current
      const p = journey().then((r) => {
        window.ms.push(r.ms)
        if (r.status === 0) window.dropped++
        else if (r.status >= 500) window.s5xx++
        else if (r.status >= 400) window.s4xx++
      })
      inFlight.add(p)
      void p.finally(() => inFlight.delete(p))
    }
    next += 1000 / rate
    if (Date.now() >= nextMinute) {
      flush()
      nextMinute += 60_000
    }
    await sleep(Math.max(0, next - Date.now()))
  }
  await Promise.allSettled([...inFlight])
  if (current.ms.length) flush()

  const alive = !exited && (await call('GET', '/api/health')).status === 200
  server.kill('SIGTERM')
  for (let i = 0; i < 150 && !exited; i++) await sleep(100)
  const s5xx = windows.reduce((s, w) => s + w.s5xx, 0)
  const dropped = windows.reduce((s, w) => s + w.dropped, 0)
  const requests = windows.reduce((s, w) => s + w.n, 0)
  console.log(`total: ${requests} requests, 5xx ${s5xx}, dropped ${dropped}, server ${alive ? 'alive' : `DEAD ${JSON.stringify(exited)}`}`)
  if (!alive || s5xx) console.log(serverLog.split('\n').filter((l) => /"level":(50|60)|error/i.test(l)).slice(0, 20).join('\n'))
  const invariants = await run('cli/check-invariants.js')
  process.stdout.write(invariants.out)
  const ok = alive && s5xx === 0 && dropped === 0 && invariants.code === 0
  console.log(`soak: ${ok ? '1 passed, 0 failed' : '0 passed, 1 failed'}`)
  process.exit(ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  console.log('soak: 0 passed, 1 failed')
  process.exit(1)
})
