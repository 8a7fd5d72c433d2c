/**
 * The segments scenario of npm run bench (alone: BENCH_ONLY=segments npm run bench). Loads a chain's
 * membership into a fresh MySQL database with multi-row INSERTs (BENCH_SEGMENT_MEMBERS, default
 * 1,000,000, with their purchases and check-ins and three manual tags), runs the full rule-tag refresh
 * through the server (stats and rule tags of every member), then times the preview of five typical
 * segments through HTTP: p50 and p95 of BENCH_SEGMENT_RUNS runs each (default 20), goal p95 < 500 ms, each p50
 * as a ratio to a bare COUNT(*) over the active members' ix_members_segment timed between the previews.
 * Env: BENCH_SEGMENTS_DATABASE_URL (default: the bench database's name + _segments, dropped and recreated);
 * BENCH_SEGMENTS_REUSE=1 times the previews again on the database a previous run loaded and refreshed.
 */
import mysql from 'mysql2/promise'
import { api, postLong, recreateDatabase, run, startServer } from './lib.mjs'

const DAY = 86_400_000
const STORES = 30

/** A seeded pseudo-random source, so two runs load the same membership. */
export function random(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Members joined over three years (more of them recently), tiers 70/20/8/2 %, 32 stores with a few
 * big ones, phone on 60 %, a birthday on 70 % (a tenth lunar); 40 % never bought, the rest 1–30
 * purchases of about ¥150 (log-normal) at the join store mostly, from join to now with recency
 * skew; 25 % checked in some day in the last 60 days.
 */
export async function load(conn, { members, now, tiers, stores }) {
  const rnd = random(20261201)
  const pick = (weights) => {
    let x = rnd() * weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i
    return weights.length - 1
  }
  const storeWeights = stores.map((_, i) => 1 / (i + 1))
  const tierWeights = [70, 20, 8, 2]
  const batch = 5000
  let purchases = 0
  let nextMemberId = (await conn.query('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM members'))[0][0].n
  for (let start = 0; start < members; start += batch) {
    const memberRows = []
    const purchaseRows = []
    const checkinRows = []
    for (let i = start; i < Math.min(members, start + batch); i++) {
      const id = nextMemberId++
      const joined = new Date(now - Math.floor(Math.pow(rnd(), 1.8) * 3 * 365 * DAY) - Math.floor(rnd() * DAY))
      const store = stores[pick(storeWeights)]
      const tier = tiers[Math.min(pick(tierWeights), tiers.length - 1)]
      const hasBirthday = rnd() < 0.7
      const lunar = rnd() < 0.1
      memberRows.push([
        id, `bseg-${i}`, `8${String(i).padStart(11, '0')}`, rnd() < 0.5 ? 'female' : 'male',
        hasBirthday ? (lunar ? 'lunar' : 'solar') : null, hasBirthday ? 1960 + Math.floor(rnd() * 45) : null,
        hasBirthday ? 1 + Math.floor(rnd() * 12) : null, hasBirthday ? 1 + Math.floor(rnd() * (lunar ? 30 : 28)) : null,
        ...(rnd() < 0.6 ? [`h${i}`, String(i % 10000).padStart(4, '0')] : [null, null]), tier.id, Math.floor(Math.exp(rnd() * 9)), Math.floor(Math.exp(rnd() * 10)),
        store.id, i.toString(36).padStart(8, '0'), 'bench', '2026-11-01', joined, joined,
      ])
      if (rnd() >= 0.4) {
        const count = 1 + Math.floor(Math.pow(rnd(), 2.5) * 30)
        for (let k = 0; k < count; k++) {
          const at = new Date(joined.getTime() + Math.pow(rnd(), 0.6) * (now - joined.getTime()))
          const cents = Math.max(500, Math.round(Math.exp(Math.log(15000) + 0.8 * (rnd() + rnd() + rnd() - 1.5))))
          purchaseRows.push([id, rnd() < 0.8 ? store.id : stores[pick(storeWeights)].id, 1, `B${id}-${k}`, cents, rnd() < 0.03 ? cents : 0, Math.floor(cents / 100), Math.floor(cents / 100), at])
        }
      }
      if (rnd() < 0.25) {
        const day = new Date(now - Math.floor(rnd() * 60) * DAY).toISOString().slice(0, 10)
        checkinRows.push([id, day, 'daily', 1, 5, 0, 0, 0, new Date(`${day}T02:00:00Z`)])
      }
    }
    await conn.query(
      'INSERT INTO members (id, openid, card_no, gender, birthday_calendar, birth_year, birth_month, birth_day, phone_hash, phone_last4, tier_id, points_balance, growth, join_store_id, referral_code, code_secret, consent_version, consented_at, created_at) VALUES ?',
      [memberRows],
    )
    for (let p = 0; p < purchaseRows.length; p += 10000) {
      await conn.query('INSERT INTO purchases (member_id, store_id, staff_id, order_no, amount_cents, refunded_cents, points, growth, created_at) VALUES ?', [purchaseRows.slice(p, p + 10000)])
    }
    if (checkinRows.length) await conn.query('INSERT INTO checkins (member_id, day, kind, streak, points, bonus, growth, cost_points, created_at) VALUES ?', [checkinRows])
    purchases += purchaseRows.length
    if ((start / batch) % 20 === 19) process.stdout.write(`  loaded ${start + batch} members, ${purchases} purchases\n`)
  }
  return { purchases }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export async function segmentsBench({ port, env }) {
  const own = new URL(env.DATABASE_URL)
  own.pathname = `${own.pathname.replace(/\/+$/, '')}_segments`
  const databaseUrl = process.env.BENCH_SEGMENTS_DATABASE_URL ?? own.toString()
  const members = Number(process.env.BENCH_SEGMENT_MEMBERS ?? 1_000_000)
  const runs = Number(process.env.BENCH_SEGMENT_RUNS ?? 20)
  const baseUrl = `http://127.0.0.1:${port}`
  const serverEnv = { ...env, DATABASE_URL: databaseUrl, PORT: String(port) }
  const reuse = process.env.BENCH_SEGMENTS_REUSE === '1'
  process.stdout.write(reuse ? `segments: previews again on ${databaseUrl}\n` : `segments: ${members} members into ${databaseUrl}\n`)
  const results = { name: 'segments', members }
  let server
  if (!reuse) {
    await recreateDatabase(databaseUrl)
    await run('node', ['server/dist/src/cli/seed.js'], serverEnv)
    server = await startServer(serverEnv, baseUrl)
    const hq = await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })
    for (let i = 3; i <= STORES; i++) {
      await api(baseUrl, 'POST', '/api/v1/staff/stores', { token: hq.token, body: { code: `S${String(i).padStart(3, '0')}`, name: `门店${i}`, kind: 'store', parentCode: 'HQ' } })
    }
    const manual = []
    for (const [name, share] of [['重点回访', 12], ['线下活动', 25], ['投诉过', 3]]) manual.push({ ...(await api(baseUrl, 'POST', '/api/v1/staff/tags', { token: hq.token, body: { name } })), share })
    // The server caches stores and tiers; it is restarted after the load, as a deployment would be.
    server.kill('SIGTERM')
    const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
    try {
      const [tiers] = await conn.query('SELECT id, code FROM tiers ORDER BY `rank`')
      const [stores] = await conn.query("SELECT id, code FROM stores WHERE kind = 'store' ORDER BY id")
      const began = performance.now()
      const { purchases } = await load(conn, { members, now: Date.now(), tiers, stores })
      for (const tag of manual) {
        await conn.query(`INSERT INTO member_tags (tag_id, member_id, created_at) SELECT ?, id, NOW(3) FROM members WHERE MOD(id * 7919 + ?, 100) < ?`, [tag.id, tag.id, tag.share])
      }
      results.loadSeconds = Math.round((performance.now() - began) / 100) / 10
      results.purchases = purchases
      process.stdout.write(`  loaded in ${results.loadSeconds} s (${purchases} purchases)\n`)
    } finally {
      await conn.end()
    }
  }
  server = await startServer(serverEnv, baseUrl)
  try {
    const token = (await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })).token
    if (!reuse) {
      process.stdout.write('  full rule-tag refresh (stats and rule tags of every member)…\n')
      const began = performance.now()
      const refresh = await postLong(baseUrl, '/api/v1/staff/tag-rules/refresh', token)
      results.refreshSeconds = Math.round((performance.now() - began) / 100) / 10
      results.refresh = refresh
      process.stdout.write(`  refreshed ${refresh.members} members in ${results.refreshSeconds} s: +${refresh.added} −${refresh.removed}\n`)
    }
    const now = Date.now()
    const tagIds = new Map((await api(baseUrl, 'GET', '/api/v1/staff/tags', { token })).map((t) => [t.ruleKey ?? t.name, t.id]))
    const month = new Date(now + 8 * 3600_000).getUTCMonth() + 1
    const year = new Date(now).getUTCFullYear() - 1
    const segments = [
      ['沉睡的高价值会员（三个条件）', { combinator: 'and', rules: [{ field: 'lastPurchaseDate', operator: 'notWithinLastDays', value: 90 }, { field: 'spend365d', operator: '>=', value: 50000 }, { field: 'tier', operator: 'in', value: ['GOLD', 'DIAMOND'] }] }],
      ['重点回访 + 去年入会（标签与日期区间）', { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tagIds.get('重点回访') }, { field: 'joinDate', operator: 'between', value: [`${year}-01-01`, `${year}-12-31`] }] }],
      ['本月生日且有手机号', { combinator: 'and', rules: [{ field: 'birthdayMonth', operator: '=', value: month }, { field: 'hasPhone', operator: '=', value: true }] }],
      ['S001/S002 近 30 天消费', { combinator: 'and', rules: [{ field: 'joinStore', operator: 'in', value: ['S001', 'S002'] }, { field: 'lastPurchaseDate', operator: 'withinLastDays', value: 30 }] }],
      ['高积分或高成长，且未流失', { combinator: 'and', rules: [{ combinator: 'or', rules: [{ field: 'points', operator: '>=', value: 2000 }, { field: 'growth', operator: '>=', value: 5000 }] }, { field: 'lacksTag', operator: '=', value: tagIds.get('lifecycle.lost') }] }],
    ]
    // The ceiling: a bare COUNT(*) over every active member's entry of ix_members_segment, straight to
    // MariaDB, timed alongside the previews (the full pass a preview without a narrower range would make).
    const ceilingConn = await mysql.createConnection({ uri: databaseUrl })
    const bareCount = async () => {
      const t0 = performance.now()
      await ceilingConn.query("SELECT COUNT(*) AS n FROM members FORCE INDEX (ix_members_segment) WHERE status = 'active'")
      return performance.now() - t0
    }
    const ceiling = []
    results.previews = []
    for (const [name, rules] of segments) {
      const times = []
      let count = 0
      for (let i = 0; i < runs + 2; i++) {
        const t0 = performance.now()
        const preview = await api(baseUrl, 'POST', '/api/v1/staff/segments/preview', { token, body: { rules } })
        // The first two are warm-up (buffer pool, plans); the rest are timed.
        if (i >= 2) times.push(performance.now() - t0)
        count = preview.count
        if (i >= 2 && i % 2 === 0) ceiling.push(await bareCount())
      }
      times.sort((a, b) => a - b)
      const row = { segment: name, count, p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)) }
      results.previews.push(row)
      process.stdout.write(`  ${name}: ${count} members, p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms\n`)
    }
    await ceilingConn.end()
    ceiling.sort((a, b) => a - b)
    results.ceiling = { p50Ms: Math.round(percentile(ceiling, 50)), p95Ms: Math.round(percentile(ceiling, 95)) }
    for (const row of results.previews) row.p50VsCeiling = Math.round((row.p50Ms / results.ceiling.p50Ms) * 100) / 100
  } finally {
    server.kill('SIGTERM')
  }
  if (!reuse) console.log(`\nsegments over ${members} members: load ${results.loadSeconds} s, full rule-tag refresh ${results.refreshSeconds} s`)
  console.log(`${'segment'.padEnd(34)}${'members'.padStart(10)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p50/ceiling'.padStart(13)}`)
  for (const r of results.previews) console.log(`${r.segment.padEnd(34 - [...r.segment].filter((c) => c.charCodeAt(0) > 255).length)}${String(r.count).padStart(10)}${String(r.p50Ms).padStart(9)}${String(r.p95Ms).padStart(9)}${r.p50VsCeiling.toFixed(2).padStart(13)}`)
  console.log(`${'ceiling: bare COUNT(*), ix_members_segment'.padEnd(44)}${String(results.ceiling.p50Ms).padStart(9)}${String(results.ceiling.p95Ms).padStart(9)}`)
  return results
}
