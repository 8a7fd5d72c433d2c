/**
 * The campaigns scenario of npm run bench (alone: BENCH_ONLY=campaigns npm run bench). Loads
 * BENCH_CAMPAIGN_MEMBERS members (default 1,000,000) into a fresh MySQL database of its own, gives
 * BENCH_CAMPAIGN_RECIPIENTS of them (default 100,000) a tag and one accept of the campaign template
 * (in our ledger and in the sandbox, as WeChat would hold it), then sends a campaign to the tagged
 * segment through the server with Redis and WECHAT_SEND_RATE raised (BENCH_CAMPAIGN_SEND_RATE, default
 * 5000): deliveries created per second, sends per second and the total, goal ≤ 30 s. Two ceilings are
 * measured in the same run: the same multi-row INSERT of deliveries issued directly with mysql2, and
 * the sandbox's send endpoint called directly by 40 clients.
 * Env: BENCH_CAMPAIGNS_DATABASE_URL (default: the bench database's name + _campaigns), REDIS_URL (required:
 * a Redis database of your own, e.g. redis://127.0.0.1:6379/2).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import mysql from 'mysql2/promise'
import { api, recreateDatabase, run, startServer } from './lib.mjs'

const ACTIVITY = 'sbxMemberActivity8Nq5Xw2ZbLm7VkDs4PfTy9RcJg3H'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** CPU seconds a process has used (user + system), from /proc: the server's cost per send, which a busy machine sways less than its pace. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** The sandbox as its own process (wechat-sandbox.mjs), pushing to the server's message-push URL; resolves once it listens. */
async function startSandboxProcess(port, pushUrl, env) {
  const child = spawn('node', ['scripts/bench/wechat-sandbox.mjs', String(port), pushUrl], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /listening (\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the sandbox process exited ${code}`)))
  })
  return { child, url }
}

async function pool(count, concurrency, work) {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await work(next++)
  }))
}

async function loadMembers(conn, members) {
  const [[tier]] = await conn.query('SELECT id FROM tiers ORDER BY `rank` LIMIT 1')
  const [[{ first }]] = await conn.query('SELECT COALESCE(MAX(id), 0) + 1 AS first FROM members')
  const now = new Date()
  for (let start = 0; start < members; start += 5000) {
    const rows = []
    for (let i = start; i < Math.min(members, start + 5000); i++) rows.push([first + i, `bcmp-${i}`, `7${String(i).padStart(11, '0')}`, tier.id, i % 5000, i % 9000, i.toString(36).padStart(8, '0'), 'bench', '2026-11-01', now, now])
    await conn.query('INSERT INTO members (id, openid, card_no, tier_id, points_balance, growth, referral_code, code_secret, consent_version, consented_at, created_at) VALUES ?', [rows])
    if ((start / 5000) % 40 === 39) process.stdout.write(`  loaded ${start + 5000} members\n`)
  }
  return first
}

/** The same INSERT the fan-out issues (1,000 rows a statement), straight to MySQL into a scratch copy of the table. */
async function insertCeiling(conn, recipients, firstMember) {
  await conn.query('CREATE TEMPORARY TABLE bench_deliveries LIKE campaign_deliveries')
  const now = new Date()
  const began = performance.now()
  for (let start = 0; start < recipients; start += 1000) {
    const rows = []
    for (let i = start; i < Math.min(recipients, start + 1000); i++) rows.push([1, firstMember + i, 1, 'campaign', 'queued', 'pages/home/index?campaignId=1', now, 0, now])
    await conn.query('INSERT IGNORE INTO bench_deliveries (campaign_id, member_id, template_id, lane, status, page, not_before, attempts, created_at) VALUES ?', [rows])
  }
  const seconds = (performance.now() - began) / 1000
  await conn.query('DROP TEMPORARY TABLE bench_deliveries')
  return Math.round(recipients / seconds)
}

/** The sandbox's send endpoint, called directly by 40 clients for 3 s (members without an accept: 43101, the same work). */
async function sendCeiling(wechatUrl) {
  const token = (await api(wechatUrl, 'POST', '/cgi-bin/stable_token', { body: { grant_type: 'client_credential', appid: 'wx5a0d0b0x00sandbox', secret: 'sandbox-secret-for-development-only' } }).catch(() => null))?.access_token
  if (!token) return null
  let done = 0
  const until = performance.now() + 3000
  await Promise.all(Array.from({ length: 40 }, async (_, k) => {
    while (performance.now() < until) {
      await fetch(`${wechatUrl}/cgi-bin/message/subscribe/send?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ touser: `bcmp-ceiling-${k}`, template_id: ACTIVITY, data: {} }) }).then((r) => r.text())
      done++
    }
  }))
  return Math.round(done / 3)
}

export async function campaignsBench({ port, env }) {
  if (!process.env.REDIS_URL) throw new Error('campaigns bench: set REDIS_URL to a Redis database of your own (e.g. redis://127.0.0.1:6379/2)')
  const own = new URL(env.DATABASE_URL)
  own.pathname = `${own.pathname.replace(/\/+$/, '')}_campaigns`
  const databaseUrl = process.env.BENCH_CAMPAIGNS_DATABASE_URL ?? own.toString()
  const members = Number(process.env.BENCH_CAMPAIGN_MEMBERS ?? 1_000_000)
  const recipients = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 100_000)
  const sendRate = Number(process.env.BENCH_CAMPAIGN_SEND_RATE ?? 5000)
  const baseUrl = `http://127.0.0.1:${port}`
  // WeChat is another machine: by default the sandbox runs as a process of its own and the server calls it at
  // WECHAT_API_BASE; BENCH_CAMPAIGN_SANDBOX=in-server uses the server's own (/sandbox/wechat), as before 2026-12-02.
  const sandboxMode = process.env.BENCH_CAMPAIGN_SANDBOX ?? 'process'
  if (!['process', 'in-server'].includes(sandboxMode)) throw new Error('BENCH_CAMPAIGN_SANDBOX is process or in-server')
  const push = { WECHAT_PUSH_TOKEN: randomBytes(16).toString('hex'), WECHAT_PUSH_AES_KEY: randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, 43) }
  const sandbox = sandboxMode === 'process' ? await startSandboxProcess(port + 1, `${baseUrl}/api/v1/wechat/push`, push) : null
  const wechatUrl = sandbox ? sandbox.url : `${baseUrl}/sandbox/wechat`
  const serverEnv = { ...env, ...push, ...(sandbox ? { WECHAT_API_BASE: sandbox.url } : {}), DATABASE_URL: databaseUrl, PORT: String(port), REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `bench-campaigns-${Date.now()}`, WECHAT_SEND_RATE: String(sendRate), AUTH_RATE_LIMIT_PER_MINUTE: '1000000', JOB_INTERVALS: 'campaigns-sweep=2000' }
  process.stdout.write(`campaigns: ${members} members, ${recipients} recipients into ${databaseUrl}, WECHAT_SEND_RATE=${sendRate}, the sandbox ${sandbox ? `in its own process at ${sandbox.url}` : 'in the server'}\n`)
  const results = { name: 'campaigns', members, recipients, sendRate, sandbox: sandboxMode }
  await recreateDatabase(databaseUrl)
  await run('node', ['server/dist/src/cli/seed.js'], serverEnv)
  const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' })
  const server = await startServer(serverEnv, baseUrl)
  try {
    let token = (await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })).token
    const tag = await api(baseUrl, 'POST', '/api/v1/staff/tags', { token, body: { name: '活动对象' } })
    const templateId = (await api(baseUrl, 'GET', '/api/v1/staff/message-templates', { token })).find((t) => t.wechatTemplateId === ACTIVITY).id
    const began = performance.now()
    const firstMember = await loadMembers(conn, members)
    // Every tenth member is a recipient: the segment is spread over the whole id range.
    await conn.query('INSERT INTO member_tags (tag_id, member_id, created_at) SELECT ?, id, NOW(3) FROM members WHERE id >= ? AND MOD(id - ?, ?) = 0 LIMIT ?', [tag.id, firstMember, firstMember, Math.max(1, Math.floor(members / recipients)), recipients])
    await conn.query("INSERT INTO subscription_grants (member_id, template_id, remaining, unconfirmed, accepted_total, used_total, status, updated_at) SELECT member_id, ?, 1, 0, 1, 0, 'active', NOW(3) FROM member_tags WHERE tag_id = ?", [templateId, tag.id])
    results.loadSeconds = Math.round((performance.now() - began) / 100) / 10
    process.stdout.write(`  loaded in ${results.loadSeconds} s; accepting in the sandbox…\n`)
    const [openids] = await conn.query('SELECT m.openid FROM member_tags t JOIN members m ON m.id = t.member_id WHERE t.tag_id = ?', [tag.id])
    await pool(openids.length, 32, async (i) => {
      await api(wechatUrl, 'POST', '/dev/login', { body: { openid: openids[i].openid } })
      // No popup event: the grant is already in the ledger, and the event would credit it a second time.
      await api(wechatUrl, 'POST', '/dev/subscribe', { body: { openid: openids[i].openid, templateIds: [ACTIVITY], push: false } })
    })
    results.deliveriesCeilingPerSecond = await insertCeiling(conn, recipients, firstMember)
    results.sendsCeilingPerSecond = await sendCeiling(wechatUrl)

    token = (await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })).token
    const segment = await api(baseUrl, 'POST', '/api/v1/staff/segments', { token, body: { name: '活动对象', rules: { combinator: 'and', rules: [{ field: 'hasTag', operator: '=', value: tag.id }] } } })
    const campaign = await api(baseUrl, 'POST', '/api/v1/staff/campaigns', {
      token,
      body: { name: '压测活动', templateId, segmentId: segment.id, page: 'pages/home/index', quietStart: '00:00', quietEnd: '00:00', fieldValues: { thing1: '{nickname}的会员日', thing2: '您有{points}积分可用', date3: '{date}', thing4: '{tier}专享' } },
    })
    process.stdout.write('  sending…\n')
    const t0 = performance.now()
    const cpu0 = cpuSeconds(server.pid)
    const sandboxCpu0 = sandbox ? cpuSeconds(sandbox.child.pid) : null
    await api(baseUrl, 'POST', `/api/v1/staff/campaigns/${campaign.id}/launch`, { token, body: {} })
    let fanoutSeconds = null
    let firstSentAt = null
    for (;;) {
      const r = await api(baseUrl, 'GET', `/api/v1/staff/campaigns/${campaign.id}/results`, { token })
      const elapsed = (performance.now() - t0) / 1000
      if (fanoutSeconds === null && r.total >= recipients) fanoutSeconds = elapsed
      if (firstSentAt === null && (r.byStatus.sent ?? 0) > 0) firstSentAt = elapsed
      if (r.status === 'completed' || r.status === 'paused' || elapsed > 1800) {
        results.totalSeconds = Math.round(elapsed * 10) / 10
        const cpu1 = cpuSeconds(server.pid)
        results.serverCpuSeconds = cpu0 === null || cpu1 === null ? null : Math.round((cpu1 - cpu0) * 10) / 10
        const sandboxCpu1 = sandbox ? cpuSeconds(sandbox.child.pid) : null
        results.sandboxCpuSeconds = sandboxCpu0 === null || sandboxCpu1 === null ? null : Math.round((sandboxCpu1 - sandboxCpu0) * 10) / 10
        results.byStatus = r.byStatus
        results.finalStatus = r.status
        break
      }
      await sleep(500)
    }
    const sent = results.byStatus.sent ?? 0
    results.fanoutSeconds = Math.round((fanoutSeconds ?? results.totalSeconds) * 10) / 10
    results.deliveriesPerSecond = Math.round(recipients / (fanoutSeconds ?? results.totalSeconds))
    results.sendsPerSecond = Math.round(sent / (results.totalSeconds - (firstSentAt ?? 0)))
  } finally {
    server.kill('SIGTERM')
    sandbox?.child.kill('SIGTERM')
    await conn.end()
  }
  const share = (a, b) => (b ? `${Math.round((100 * a) / b)}% of ${b}/s` : 'no ceiling')
  console.log(`\ncampaign to ${recipients} of ${members} members (WECHAT_SEND_RATE=${sendRate}): total ${results.totalSeconds} s (goal ≤ 30 s), status ${results.finalStatus} ${JSON.stringify(results.byStatus)}`)
  console.log(`  deliveries created: ${results.deliveriesPerSecond}/s over ${results.fanoutSeconds} s (${share(results.deliveriesPerSecond, results.deliveriesCeilingPerSecond)}: the direct INSERT ceiling)`)
  console.log(`  sends: ${results.sendsPerSecond}/s (${share(results.sendsPerSecond, results.sendsCeilingPerSecond)}: the sandbox called directly; the pace allows ${sendRate}/s)`)
  if (results.serverCpuSeconds !== null) console.log(`  server process CPU from launch to the end: ${results.serverCpuSeconds} s, ${Math.round((1000 * results.serverCpuSeconds) / recipients * 100) / 100} ms per recipient${results.sandboxCpuSeconds != null ? `; the sandbox's process ${results.sandboxCpuSeconds} s` : ''}`)
  return results
}
