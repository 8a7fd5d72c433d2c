/** The benchmark scenarios; each returns {rps, p50Ms, p99Ms, errors} and, where asked, the SQL ceiling. */
import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import { AuthTokens } from '../../server/dist/src/common/auth/auth-tokens.js'
import { Clock } from '../../server/dist/src/common/time/clock.js'
import { newCouponCode } from '../../server/dist/src/coupons/coupon-rules.js'
import { luhnCheckDigit, memberCode } from '../../server/dist/src/members/member-identifiers.js'
import { api, httpFloor, load, PREPARED_PER_SECOND, sqlCeiling, WARM_UP_SECONDS } from './lib.mjs'

const MEMBERS = 64

async function inParallel(count, width, work) {
  const results = new Array(count)
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const i = next++
      results[i] = await work(i)
    }
  }))
  return results
}

/**
 * Members who have not checked in today, one per check-in request: written straight into the tables
 * a join writes (the member and the stats row counted on the day it joins), with tokens signed as the
 * server signs them (joining tens of thousands through the API takes minutes).
 */
async function membersWrittenForCheckins(databaseUrl, jwtSecret, count) {
  const tokens = new AuthTokens({ jwtSecret }, new Clock())
  const conn = await mysql.createConnection({ uri: databaseUrl })
  const [[{ id: tierId }]] = await conn.query('SELECT id FROM tiers ORDER BY `rank` LIMIT 1')
  const now = new Date()
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
  const members = []
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const n = start + k
      const body = `89${String(n).padStart(9, '0')}`
      return [`bench-checkin-${n}`, body + luhnCheckDigit(body), tierId, `C${n.toString(36).toUpperCase().padStart(7, '0')}`, randomBytes(16).toString('hex'), '2026-11-01', now, now]
    })
    const [r] = await conn.query('INSERT INTO members (openid, card_no, tier_id, referral_code, code_secret, consent_version, consented_at, created_at) VALUES ?', [rows])
    rows.forEach((row, k) => members.push({ id: r.insertId + k, token: tokens.issueMember(row[0], r.insertId + k).token }))
    await conn.query('INSERT INTO member_stats (member_id, computed_day) VALUES ?', [rows.map((_, k) => [r.insertId + k, today])])
  }
  await conn.end()
  return members
}

/** A coupon template and rewards priced at 1 point with stock for the whole run: one hot reward, and 100 to spread over. */
async function prepareMall(baseUrl, hq) {
  const template = await api(baseUrl, 'POST', '/api/v1/staff/coupon-templates', {
    token: hq.token,
    body: { title: '压测饮品券', kind: 'gift', giftDescription: '饮品一杯', validity: { kind: 'relative', days: 30, startsNextDay: false }, storeScope: 'all' },
  })
  const reward = (i) => api(baseUrl, 'POST', '/api/v1/staff/rewards', { token: hq.token, body: { title: `压测奖品 ${i}`, pointsPrice: 1, couponTemplateId: template.id, stock: 1_000_000, perMemberLimit: 0 } })
  const hot = await reward('hot')
  const spread = await inParallel(100, 8, (i) => reward(i))
  return { templateId: template.id, hotRewardId: hot.id, rewardIds: spread.map((r) => r.id) }
}

export async function prepareActors(baseUrl) {
  const clerk = await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-clerk', password: 'huiyuan-demo' } })
  const hq = await api(baseUrl, 'POST', '/api/v1/staff/sessions', { body: { username: 'demo-hq', password: 'huiyuan-demo' } })
  const members = []
  for (let i = 0; i < MEMBERS; i++) {
    const { code } = await api(baseUrl, 'POST', '/sandbox/wechat/dev/login', { body: { openid: `bench-member-${i}` } })
    const visitor = await api(baseUrl, 'POST', '/api/v1/auth/wechat', { body: { code } })
    const joined = await api(baseUrl, 'POST', '/api/v1/members', { token: visitor.token, body: { scene: 's=S001', consentVersion: '2026-11-01' } })
    await api(baseUrl, 'POST', `/api/v1/staff/members/${joined.member.id}/points-adjustments`, { token: hq.token, body: { delta: 1_000_000, reason: '压测准备' } })
    members.push({ id: joined.member.id, cardNo: joined.member.cardNo, token: joined.token })
  }
  const mall = await prepareMall(baseUrl, hq)
  return { clerk: { token: clerk.token, staffId: clerk.staff.id, storeId: clerk.staff.store.id }, hq, members, mall }
}

const member = (actors, i) => actors.members[i % actors.members.length]

/** The statements RecordPurchaseUseCase issues, in order, the member look-up first. */
async function purchaseTransaction(conn, actors, i) {
  const m = member(actors, i)
  const now = new Date()
  await conn.query("SELECT * FROM members WHERE card_no = ? AND status = 'active' LIMIT 1", [m.cardNo])
  const [p] = await conn.query('INSERT INTO purchases (member_id, store_id, staff_id, order_no, amount_cents, refunded_cents, points, growth, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)', [m.id, actors.clerk.storeId, actors.clerk.staffId, `CEIL-${process.pid}-${i}`, 12_800, 128, 128, now])
  await conn.query("UPDATE members SET points_balance = points_balance + ?, growth = growth + ?, last_visit_at = ? WHERE id = ? AND status = 'active'", [128, 128, now, m.id])
  const [[{ points_balance: balance }]] = await conn.query('SELECT points_balance, growth, tier_id FROM members WHERE id = ?', [m.id])
  const [l] = await conn.query('INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)', [m.id, 128, balance, 'earn', 'purchase', String(p.insertId), actors.clerk.storeId, actors.clerk.staffId, '消费 ¥128.00 获得积分', now])
  await conn.query('INSERT INTO points_lots (member_id, ledger_id, amount, remaining, earned_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [m.id, l.insertId, 128, 128, now, new Date(Date.now() + 365 * 86_400_000)])
  await conn.query('INSERT INTO growth_entries (member_id, amount, source_type, source_id, created_at) VALUES (?, ?, ?, ?, ?)', [m.id, 128, 'purchase', String(p.insertId), now])
}

/** The statements a points payment issues: conditional debit, balance, ledger, lots (FIFO, locked), lot use. */
async function spendTransaction(conn, actors, i) {
  const m = member(actors, i)
  const now = new Date()
  await conn.query("SELECT * FROM members WHERE card_no = ? AND status = 'active' LIMIT 1", [m.cardNo])
  const [u] = await conn.query('UPDATE members SET points_balance = points_balance - ? WHERE id = ? AND points_balance >= ?', [1, m.id, 1])
  if (u.affectedRows !== 1) throw new Error('insufficient')
  const [[{ points_balance: balance }]] = await conn.query('SELECT points_balance FROM members WHERE id = ?', [m.id])
  const [l] = await conn.query('INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [m.id, -1, balance, 'spend', 'pos_payment', `C${i}`, actors.clerk.storeId, actors.clerk.staffId, '门店积分抵扣', `ceil:${process.pid}:${i}`, now])
  const [lots] = await conn.query('SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND remaining > 0 AND expires_at IS NOT NULL ORDER BY expires_at, id LIMIT 20 OFFSET 0 FOR UPDATE', [m.id])
  const lot = lots.sort((a, b) => (a.expires_at ?? Infinity) - (b.expires_at ?? Infinity) || a.id - b.id)[0]
  await conn.query('UPDATE points_lots SET remaining = remaining - ? WHERE id = ? AND remaining >= ?', [1, lot.id, 1])
  await conn.query('INSERT INTO points_lot_uses (ledger_id, lot_id, amount) VALUES (?, ?, ?)', [l.insertId, lot.id, 1])
}

/** The statements CheckInUseCase issues for a first check-in of the day. */
async function checkinTransaction(conn, actors, i) {
  const m = actors.members[i % actors.members.length]
  const day = `C${String(process.pid % 1000).padStart(3, '0')}${String(i).padStart(6, '0')}`
  const now = new Date()
  await conn.query("SELECT m.tier_id, c.day, c.streak FROM members m LEFT JOIN checkins c ON c.member_id = m.id AND c.day = ? WHERE m.id = ? AND m.status = 'active'", ['1999-12-31', m.id])
  await conn.query('INSERT INTO checkins (member_id, day, kind, streak, points, bonus, growth, cost_points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [m.id, day, 'daily', 1, 5, 0, 0, 0, now])
  await conn.query("UPDATE members SET points_balance = points_balance + ?, growth = growth + ? WHERE id = ? AND status = 'active'", [5, 0, m.id])
  const [[{ points_balance: balance }]] = await conn.query('SELECT points_balance, growth, tier_id FROM members WHERE id = ?', [m.id])
  const [l] = await conn.query('INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)', [m.id, 5, balance, 'earn', 'checkin', day, '每日签到', `ceil-checkin:${m.id}:${day}`, now])
  await conn.query('INSERT INTO points_lots (member_id, ledger_id, amount, remaining, earned_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [m.id, l.insertId, 5, 5, now, new Date(Date.now() + 365 * 86_400_000)])
}

/** The statements RedeemRewardUseCase issues: member and reward reads, the slot, the debit, the coupon, the stock last. */
async function redeemTransaction(conn, actors, i, rewardId) {
  const m = member(actors, i)
  const now = new Date()
  await conn.query("SELECT * FROM members WHERE id = ? AND status = 'active' LIMIT 1", [m.id])
  await conn.query('SELECT * FROM rewards WHERE id = ? LIMIT 1', [rewardId])
  await conn.query('INSERT INTO reward_redemptions (reward_id, member_id, seq, points, created_at) VALUES (?, ?, NULL, ?, ?)', [rewardId, m.id, 1, now])
  await spendStatements(conn, actors, m, now, 'redemption')
  await conn.query('SELECT * FROM coupon_templates WHERE id = ? LIMIT 1', [actors.mall.templateId])
  const code = newCouponCode()
  await conn.query('INSERT INTO coupons (code, template_id, member_id, status, title, kind, face_text, amount_cents, source, source_id, issued_store_id, valid_from, expires_at, used_at, used_store_id, used_by_staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, NULL, NULL, NULL, ?)', [code, actors.mall.templateId, m.id, 'active', '压测饮品券', 'gift', '饮品一杯', 'bench_ceiling', String(i), now, new Date(Date.now() + 30 * 86_400_000), now])
  await conn.query('UPDATE rewards SET stock_left = stock_left - 1 WHERE id = ? AND stock_left > 0', [rewardId])
}

async function spendStatements(conn, actors, m, now, sourceType) {
  const [u] = await conn.query('UPDATE members SET points_balance = points_balance - ? WHERE id = ? AND points_balance >= ?', [1, m.id, 1])
  if (u.affectedRows !== 1) throw new Error('insufficient')
  const [[{ points_balance: balance }]] = await conn.query('SELECT points_balance FROM members WHERE id = ?', [m.id])
  const [l] = await conn.query('INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?)', [m.id, -1, balance, 'spend', sourceType, '压测', now])
  const [lots] = await conn.query('SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND remaining > 0 AND expires_at IS NOT NULL ORDER BY expires_at, id LIMIT 20 OFFSET 0 FOR UPDATE', [m.id])
  const lot = lots.sort((a, b) => (a.expires_at ?? Infinity) - (b.expires_at ?? Infinity) || a.id - b.id)[0]
  await conn.query('UPDATE points_lots SET remaining = remaining - ? WHERE id = ? AND remaining >= ?', [1, lot.id, 1])
  await conn.query('INSERT INTO points_lot_uses (ledger_id, lot_id, amount) VALUES (?, ?, ?)', [l.insertId, lot.id, 1])
}

/** The statements VerifyCouponUseCase issues: the coupon and template reads, the conditional use, the record, the visit, the audit. */
async function verifyTransaction(conn, actors, coupon) {
  const now = new Date()
  await conn.query('SELECT * FROM coupons WHERE code = ? LIMIT 1', [coupon.code])
  await conn.query('SELECT * FROM coupon_templates WHERE id = ? LIMIT 1', [actors.mall.templateId])
  const [u] = await conn.query("UPDATE coupons SET status = 'used', used_at = ?, used_by_staff_id = ?, used_store_id = ? WHERE id = ? AND status = 'active' AND expires_at > ?", [now, actors.clerk.staffId, actors.clerk.storeId, coupon.id, now])
  if (u.affectedRows !== 1) return
  await conn.query('INSERT INTO coupon_verifications (coupon_id, store_id, staff_id, verified_at, undone_at, undone_by_staff_id) VALUES (?, ?, ?, ?, NULL, NULL)', [coupon.id, actors.clerk.storeId, actors.clerk.staffId, now])
  await conn.query('UPDATE members SET last_visit_at = ? WHERE id = ?', [now, coupon.memberId])
  await conn.query('INSERT INTO audit_records (staff_id, role, store_id, action, target_type, target_id, summary, before_json, after_json, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)', [actors.clerk.staffId, 'clerk', actors.clerk.storeId, 'coupon.verify', 'coupon', String(coupon.id), `核销 压测饮品券 券码 ${coupon.code}`, 'bench', now])
  await conn.query('SELECT * FROM coupon_verifications WHERE id = LAST_INSERT_ID()')
}

/** More coupons than the ceiling verifies per second, so it never verifies one twice (the HTTP run prepares one per request). */
const VERIFIABLE_PER_SECOND = 4000

/** Active coupons of the bench template, written straight into the table with valid codes (issuing them by API would take longer than the run). */
async function issueCoupons(databaseUrl, actors, count) {
  const conn = await mysql.createConnection({ uri: databaseUrl })
  const now = new Date()
  const expires = new Date(Date.now() + 30 * 86_400_000)
  const coupons = []
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => [newCouponCode(), actors.mall.templateId, member(actors, start + k).id, 'active', '压测饮品券', 'gift', '饮品一杯', 'bench', now, expires, now])
    const [r] = await conn.query('INSERT INTO coupons (code, template_id, member_id, status, title, kind, face_text, source, valid_from, expires_at, created_at) VALUES ?', [rows])
    rows.forEach((row, k) => coupons.push({ id: r.insertId + k, code: row[0], memberId: row[2] }))
  }
  await conn.end()
  return coupons
}

/** A write at 32 clients: `request(actors, i)` is the i-th HTTP request, `transaction` the same work in SQL. */
const writeScenario = (name, request, transaction) => ({
  name,
  concurrency: 32,
  run: ({ baseUrl, duration, actors }) => load({ baseUrl, connections: 32, duration, request: (i) => request(actors, i) }),
  ceiling: ({ databaseUrl, duration, actors }) => sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => transaction(conn, actors, i) }),
})

const staffPost = (actors, path, body) => ({ method: 'POST', path, headers: { authorization: `Bearer ${actors.clerk.token}` }, body })
const memberPost = (token, path) => ({ method: 'POST', path, headers: { authorization: `Bearer ${token}` }, body: {} })

const redeem = (name, pickReward) =>
  writeScenario(
    name,
    (actors, i) => memberPost(member(actors, i).token, `/api/v1/rewards/${pickReward(actors, i)}/redemptions`),
    (conn, actors, i) => redeemTransaction(conn, actors, i, pickReward(actors, i)),
  )

export const scenarios = [
  {
    name: 'health',
    concurrency: 32,
    run: ({ baseUrl, duration }) => load({ baseUrl, connections: 32, duration, request: () => ({ method: 'GET', path: '/api/health' }), repeats: true }),
  },
  {
    name: 'plain read (privacy notice)',
    concurrency: 32,
    run: ({ baseUrl, duration }) => load({ baseUrl, connections: 32, duration, request: () => ({ method: 'GET', path: '/api/v1/privacy-notice' }), repeats: true }),
  },
  {
    name: 'member card read',
    concurrency: 64,
    run: ({ baseUrl, duration, actors }) =>
      load({ baseUrl, connections: 64, duration, request: (i) => ({ method: 'GET', path: '/api/v1/members/me', headers: { authorization: `Bearer ${member(actors, i).token}` } }), repeats: true }),
    ceiling: ({ databaseUrl, duration, actors }) =>
      sqlCeiling({ databaseUrl, connections: 64, duration, transaction: (conn, i) => conn.query("SELECT * FROM members WHERE id = ? AND status = 'active' LIMIT 1", [member(actors, i).id]) }),
  },
  writeScenario(
    'earn points (purchase)',
    (actors, i) => staffPost(actors, '/api/v1/staff/purchases', { cardNo: member(actors, i).cardNo, amountCents: 12_800, orderNo: `B-${Date.now()}-${i}` }),
    purchaseTransaction,
  ),
  {
    name: 'earn: bare HTTP floor',
    concurrency: 32,
    run: ({ databaseUrl, duration, actors }) => httpFloor({ databaseUrl, connections: 32, duration, transaction: (conn, i) => purchaseTransaction(conn, actors, i) }),
    ceiling: ({ databaseUrl, duration, actors }) => sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => purchaseTransaction(conn, actors, i) }),
  },
  {
    name: 'spend points (till payment)',
    concurrency: 32,
    // Spending takes the rotating member code: computed here from each member's secret, as the card page does.
    run: async ({ baseUrl, databaseUrl, duration, actors }) => {
      const conn = await mysql.createConnection({ uri: databaseUrl })
      const [rows] = await conn.query('SELECT id, code_secret FROM members WHERE id IN (?)', [actors.members.map((m) => m.id)])
      await conn.end()
      const secrets = new Map(rows.map((r) => [r.id, r.code_secret]))
      const pay = (actors, i) => {
        const m = member(actors, i)
        return staffPost(actors, '/api/v1/staff/points-payments', { memberCode: memberCode(m.cardNo, secrets.get(m.id), new Date()).code, points: 1, orderNo: `P-${Date.now()}-${i}` })
      }
      return writeScenario('spend points (till payment)', pay, spendTransaction).run({ baseUrl, databaseUrl, duration, actors })
    },
    ceiling: (context) => writeScenario('spend points (till payment)', () => null, spendTransaction).ceiling(context),
  },
  {
    name: 'check-in',
    concurrency: 32,
    run: async ({ baseUrl, databaseUrl, duration, jwtSecret }) => {
      const fresh = await membersWrittenForCheckins(databaseUrl, jwtSecret, (WARM_UP_SECONDS + duration) * PREPARED_PER_SECOND)
      return load({ baseUrl, connections: 32, duration, request: (i) => memberPost(fresh[i].token, '/api/v1/checkins') })
    },
    ceiling: ({ databaseUrl, duration, actors }) => sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => checkinTransaction(conn, actors, i) }),
  },
  redeem('redeem (one hot reward)', (actors) => actors.mall.hotRewardId),
  redeem('redeem (100 rewards)', (actors, i) => actors.mall.rewardIds[i % actors.mall.rewardIds.length]),
  {
    name: 'verify coupon',
    concurrency: 32,
    run: async ({ baseUrl, databaseUrl, duration, actors }) => {
      const coupons = await issueCoupons(databaseUrl, actors, (WARM_UP_SECONDS + duration) * PREPARED_PER_SECOND)
      return load({
        baseUrl,
        connections: 32,
        duration,
        request: (i) => ({ method: 'POST', path: '/api/v1/staff/coupon-verifications', headers: { authorization: `Bearer ${actors.clerk.token}` }, body: { code: coupons[i].code } }),
      })
    },
    ceiling: async ({ databaseUrl, duration, actors }) => {
      const coupons = await issueCoupons(databaseUrl, actors, (WARM_UP_SECONDS + duration) * VERIFIABLE_PER_SECOND)
      return sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => verifyTransaction(conn, actors, coupons[i % coupons.length]) })
    },
  },
]
