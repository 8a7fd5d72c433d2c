/** The benchmark scenarios; each returns {rps, p50Ms, p99Ms, errors} and, where asked, the SQL ceiling. */
import { api, load, sqlCeiling } from './lib.mjs'

const MEMBERS = 64

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
  return { clerk: { token: clerk.token, staffId: clerk.staff.id, storeId: clerk.staff.store.id }, hq, members }
}

const member = (actors, i) => actors.members[i % actors.members.length]

/** The statements RecordPurchaseUseCase issues, in order, with the member look-up before them. */
async function purchaseTransaction(conn, actors, i) {
  const m = member(actors, i)
  const now = new Date()
  await conn.query("SELECT * FROM members WHERE card_no = ? AND status = 'active' LIMIT 1", [m.cardNo])
  const [p] = await conn.query('INSERT INTO purchases (member_id, store_id, staff_id, order_no, amount_cents, refunded_cents, points, growth, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)', [m.id, actors.clerk.storeId, actors.clerk.staffId, `CEIL-${process.pid}-${i}`, 12_800, 128, 128, now])
  await conn.query("UPDATE members SET points_balance = points_balance + ? WHERE id = ? AND status = 'active'", [128, m.id])
  const [[{ points_balance: balance }]] = await conn.query('SELECT points_balance FROM members WHERE id = ?', [m.id])
  const [l] = await conn.query('INSERT INTO points_ledger (member_id, delta, balance_after, type, source_type, source_id, store_id, staff_id, reason, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)', [m.id, 128, balance, 'earn', 'purchase', String(p.insertId), actors.clerk.storeId, actors.clerk.staffId, '消费 ¥128.00 获得积分', now])
  await conn.query('INSERT INTO points_lots (member_id, ledger_id, amount, remaining, earned_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [m.id, l.insertId, 128, 128, now, new Date(Date.now() + 365 * 86_400_000)])
  await conn.query('UPDATE members SET growth = CASE WHEN growth + ? < 0 THEN 0 ELSE growth + ? END, last_visit_at = ? WHERE id = ?', [128, 128, now, m.id])
  await conn.query('INSERT INTO growth_entries (member_id, amount, source_type, source_id, created_at) VALUES (?, ?, ?, ?, ?)', [m.id, 128, 'purchase', String(p.insertId), now])
  await conn.query('SELECT growth, tier_id FROM members WHERE id = ?', [m.id])
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
  const [lots] = await conn.query('SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND remaining > 0 FOR UPDATE', [m.id])
  const lot = lots.sort((a, b) => (a.expires_at ?? Infinity) - (b.expires_at ?? Infinity) || a.id - b.id)[0]
  await conn.query('UPDATE points_lots SET remaining = remaining - ? WHERE id = ? AND remaining >= ?', [1, lot.id, 1])
  await conn.query('INSERT INTO points_lot_uses (ledger_id, lot_id, amount) VALUES (?, ?, ?)', [l.insertId, lot.id, 1])
}

export const scenarios = [
  {
    name: 'health',
    concurrency: 32,
    run: ({ baseUrl, duration }) => load({ baseUrl, connections: 32, duration, request: () => ({ method: 'GET', path: '/api/health' }) }),
  },
  {
    name: 'plain read (privacy notice)',
    concurrency: 32,
    run: ({ baseUrl, duration }) => load({ baseUrl, connections: 32, duration, request: () => ({ method: 'GET', path: '/api/v1/privacy-notice' }) }),
  },
  {
    name: 'member card read',
    concurrency: 64,
    run: ({ baseUrl, duration, actors }) => {
      let next = 0
      const tokens = new WeakMap()
      return load({
        baseUrl,
        connections: 64,
        duration,
        connectionHeaders: (client) => {
          tokens.set(client, member(actors, next++).token)
          return { authorization: `Bearer ${tokens.get(client)}` }
        },
        request: () => ({ method: 'GET', path: '/api/v1/members/me' }),
      })
    },
    ceiling: ({ databaseUrl, duration, actors }) =>
      sqlCeiling({ databaseUrl, connections: 64, duration, transaction: (conn, i) => conn.query("SELECT * FROM members WHERE id = ? AND status = 'active' LIMIT 1", [member(actors, i).id]) }),
  },
  {
    name: 'earn points (purchase)',
    concurrency: 32,
    run: ({ baseUrl, duration, actors }) =>
      load({
        baseUrl,
        connections: 32,
        duration,
        request: (i) => ({ method: 'POST', path: '/api/v1/staff/purchases', headers: { authorization: `Bearer ${actors.clerk.token}` }, body: { cardNo: member(actors, i).cardNo, amountCents: 12_800, orderNo: `B-${Date.now()}-${i}` } }),
      }),
    ceiling: ({ databaseUrl, duration, actors }) => sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => purchaseTransaction(conn, actors, i) }),
  },
  {
    name: 'spend points (till payment)',
    concurrency: 32,
    run: ({ baseUrl, duration, actors }) =>
      load({
        baseUrl,
        connections: 32,
        duration,
        request: (i) => ({ method: 'POST', path: '/api/v1/staff/points-payments', headers: { authorization: `Bearer ${actors.clerk.token}` }, body: { cardNo: member(actors, i).cardNo, points: 1, orderNo: `P-${Date.now()}-${i}` } }),
      }),
    ceiling: ({ databaseUrl, duration, actors }) => sqlCeiling({ databaseUrl, connections: 32, duration, transaction: (conn, i) => spendTransaction(conn, actors, i) }),
  },
]
