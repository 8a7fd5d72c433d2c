import type { DataSource } from 'typeorm';

/** The ledger invariant: balance = Σ ledger deltas = Σ lots remaining, never negative. */
export async function pointsInvariant(dataSource: DataSource, memberId: number): Promise<{ balance: number; ledger: number; lots: number }> {
  const [member] = await dataSource.query('SELECT points_balance AS b FROM members WHERE id = ?', [memberId]);
  const [ledger] = await dataSource.query('SELECT COALESCE(SUM(delta), 0) AS s FROM points_ledger WHERE member_id = ?', [memberId]);
  const [lots] = await dataSource.query('SELECT COALESCE(SUM(remaining), 0) AS s FROM points_lots WHERE member_id = ?', [memberId]);
  return { balance: Number(member.b), ledger: Number(ledger.s), lots: Number(lots.s) };
}
