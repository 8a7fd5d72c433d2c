/** Shared pieces of the benchmark: the server under test, HTTP helpers, load runs and the SQL ceiling. */
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
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
  for (let i = 0; i < 60; i++) {
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return child
    } catch {}
    await sleep(500)
  }
  child.kill()
  throw new Error('server did not become healthy')
}

/** One bounded load run through HTTP; `request(i)` gives each request's method, path, headers and body. */
export async function load({ baseUrl, connections, duration, request, connectionHeaders, amount }) {
  let counter = 0
  const result = await autocannon({
    url: baseUrl,
    connections,
    // A run over a finite pool (coupons to verify) stops when the pool is used up instead of repeating it.
    ...(amount ? { amount } : { duration }),
    pipelining: 1,
    setupClient: connectionHeaders ? (client) => client.setHeaders({ 'content-type': 'application/json', ...connectionHeaders(client) }) : undefined,
    requests: [
      {
        setupRequest: (req) => {
          const r = request(counter++)
          return { ...req, method: r.method, path: r.path, headers: { 'content-type': 'application/json', ...req.headers, ...r.headers }, body: r.body === undefined ? undefined : JSON.stringify(r.body) }
        },
      },
    ],
  })
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

/** The same transaction issued directly with mysql2 by `connections` workers for `duration` seconds: the ceiling. */
export async function sqlCeiling({ databaseUrl, connections, duration, transaction, limit = Infinity }) {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: connections, timezone: 'Z' })
  const started = Date.now()
  const deadline = started + duration * 1000
  let done = 0
  let counter = 0
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const conn = await pool.getConnection()
      try {
        while (Date.now() < deadline && counter < limit) {
          const i = counter++
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
  await pool.end()
  return Math.round(done / ((Date.now() - started) / 1000))
}
