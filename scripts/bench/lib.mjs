/** Shared pieces of the benchmark: the server under test, HTTP helpers, load runs and the SQL ceiling. */
import { execFile, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import mysql from 'mysql2/promise'

export async function api(baseUrl, method, path, { token, body, headers } = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return json
}

/** A POST with no client time-out (fetch gives up on headers after 5 minutes): a first rollup or a full refresh of a million members takes minutes. */
export function postLong(baseUrl, path, token) {
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': 0 } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => (res.statusCode >= 400 ? reject(new Error(`${path} → ${res.statusCode} ${text}`)) : resolve(JSON.parse(text))))
    })
    req.on('error', reject)
    req.end()
  })
}

export async function recreateDatabase(url) {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  u.pathname = '/'
  const conn = await mysql.createConnection({ uri: u.toString() })
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  await conn.end()
}

export function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))))
  })
}

export async function startServer(env, baseUrl) {
  // BENCH_PROFILE_DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const child = spawn('node', [...profile, 'server/dist/src/main.js'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  // Up to two minutes: on a shared 2-core machine under load, migrating and booting can take that long.
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return child
    } catch {}
    await sleep(500)
  }
  child.kill()
  throw new Error('server did not become healthy')
}

/** More requests prepared than the fastest scenario sends per second, so a run never repeats one (a repeat is a different request: a duplicate order). */
export const PREPARED_PER_SECOND = 6000
/** Both the HTTP run and the ceiling first run this long unmeasured: pools connected, code compiled. */
export const WARM_UP_SECONDS = 2

/**
 * One load run through HTTP for `duration` seconds, after a warm-up, with wrk (C, from Debian's
 * packages): a load generator in JavaScript spent ~100 µs of CPU per request on this 2-core machine,
 * CPU the server under test then lacked. `request(i)` gives the i-th request's method, path, headers
 * and body; the warm-up sends requests from 0 and the measured run from where the warm-up's share ends,
 * so no request is sent twice. A read (`repeats: true`) may send the same requests again.
 */
export async function load({ baseUrl, connections, duration, request, repeats = false }) {
  const url = new URL(baseUrl)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-bench-'))
  const file = path.join(dir, 'requests')
  const out = fs.createWriteStream(file)
  for (let i = 0; i < (WARM_UP_SECONDS + duration) * PREPARED_PER_SECOND; i++) {
    const r = request(i)
    const body = r.body === undefined ? '' : JSON.stringify(r.body)
    const headers = Object.entries({ host: url.host, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...r.headers })
    if (!out.write(`${r.method} ${r.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}\0`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  try {
    await wrk(baseUrl, connections, WARM_UP_SECONDS, file, 0)
    const r = await wrk(baseUrl, connections, duration, file, WARM_UP_SECONDS * PREPARED_PER_SECOND)
    if (!repeats && r.sent > r.prepared - WARM_UP_SECONDS * PREPARED_PER_SECOND) process.stdout.write('  note: the run sent more requests than were prepared; raise PREPARED_PER_SECOND\n')
    const ms = (us) => Math.round(us / 100) / 10
    return { rps: Math.round(r.requests / (r.durationUs / 1e6)), p50Ms: ms(r.p50Us), p99Ms: ms(r.p99Us), errors: r.non2xx + r.socketErrors }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function wrk(baseUrl, connections, seconds, file, offset) {
  const script = fileURLToPath(new URL('./wrk-replay.lua', import.meta.url))
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, baseUrl]
  const stdout = await new Promise((resolve, reject) => {
    execFile('wrk', args, { env: { ...process.env, WRK_REQUESTS: file, WRK_OFFSET: String(offset) }, maxBuffer: 1 << 20 }, (error, so) => (error ? reject(error) : resolve(so)))
  })
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'))
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`)
  return JSON.parse(line)
}

/** wrk comes from Debian's packages; installed on first use where apt can. */
export async function ensureWrk() {
  const has = () => new Promise((resolve) => execFile('wrk', ['-v'], (error) => resolve(!error || error.code !== 'ENOENT')))
  if (await has()) return
  process.stdout.write('installing wrk from Debian packages…\n')
  await run('sh', ['-c', 'apt-get install -y -qq wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)'], {})
  if (!(await has())) throw new Error('the benchmark needs wrk: apt-get install wrk')
}

/**
 * The same transaction issued directly with mysql2 by `connections` workers for `duration` seconds,
 * after the same warm-up as the HTTP run: the ceiling. `transaction(conn, i)` gets an i no other
 * ceiling of the run had, so orders and check-in days it writes never clash.
 */
let ceilingSeq = 0

export async function sqlCeiling({ databaseUrl, connections, duration, transaction }) {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: connections, timezone: 'Z' })
  const phase = async (seconds) => {
    const started = Date.now()
    const deadline = started + seconds * 1000
    let done = 0
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const conn = await pool.getConnection()
        try {
          while (Date.now() < deadline) {
            const i = ceilingSeq++
            await conn.beginTransaction()
            try {
              await transaction(conn, i)
              await conn.commit()
              done++
            } catch (error) {
              await conn.rollback()
              if (!String(error.code).startsWith('ER_LOCK')) throw error
            }
          }
        } finally {
          conn.release()
        }
      }),
    )
    return Math.round(done / ((Date.now() - started) / 1000))
  }
  try {
    await phase(WARM_UP_SECONDS)
    return await phase(duration)
  } finally {
    await pool.end()
  }
}

/**
 * The floor under any HTTP server on this machine: a bare Fastify route that runs the ceiling's
 * transaction (no auth, validation, framework or ORM), loaded by wrk like the app. Between the app
 * and the ceiling, it shows how much of the gap is HTTP itself and how much is the framework.
 */
export async function httpFloor({ databaseUrl, connections, duration, transaction }) {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: connections, timezone: 'Z' })
  const floor = Fastify()
  floor.post('/tx', async (request) => {
    const conn = await pool.getConnection()
    try {
      await conn.beginTransaction()
      await transaction(conn, request.body.i)
      await conn.commit()
      return { ok: true }
    } catch (error) {
      await conn.rollback()
      throw error
    } finally {
      conn.release()
    }
  })
  const baseUrl = await floor.listen({ port: 0, host: '127.0.0.1' })
  try {
    // Its own range of i, so no order or check-in repeats one the ceiling made.
    return await load({ baseUrl, connections, duration, request: (i) => ({ method: 'POST', path: '/tx', body: { i: 100_000_000 + i } }) })
  } finally {
    await floor.close()
    await pool.end()
  }
}

/**
 * BENCH_PIN=1: the local MariaDB on the last CPU, and this process with all it starts (the ceiling's
 * client, the server, wrk) on the others. Unpinned, on 2 cores, the server shares its core with MariaDB
 * and wrk while the ceiling's client shares with MariaDB only; pinned, both runs get the same split.
 * MariaDB is put back as it was when this process exits. Returns what was pinned where, or null where
 * pinning is not possible.
 */
export function pinCpus() {
  const cpus = os.availableParallelism()
  const pid = ['mariadbd', 'mysqld'].map((name) => {
    try {
      return execFileSync('pgrep', ['-x', name]).toString().trim().split('\n')[0]
    } catch {
      return ''
    }
  }).find(Boolean)
  if (cpus < 2 || !pid) return null
  try {
    const before = execFileSync('taskset', ['-p', pid]).toString().trim().split(' ').pop()
    execFileSync('taskset', ['-a', '-p', '-c', String(cpus - 1), pid], { stdio: 'ignore' })
    execFileSync('taskset', ['-a', '-p', '-c', `0-${cpus - 2}`, String(process.pid)], { stdio: 'ignore' })
    process.once('exit', () => execFileSync('taskset', ['-a', '-p', before, pid], { stdio: 'ignore' }))
    return `MariaDB on CPU ${cpus - 1}, the ceiling's client, the server and wrk on CPU ${cpus === 2 ? '0' : `0-${cpus - 2}`}`
  } catch {
    return null
  }
}
