import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { execute, forUpdate, fromSqlDate, insertRow, insertRows } from '../common/db/sql';
import { PointsLedgerEntry } from './entities/points-ledger-entry.entity';
import { PointsLotUse } from './entities/points-lot-use.entity';
import { PointsLot } from './entities/points-lot.entity';
import { LotBalance } from './points-rules';

/** Every statement on `points_ledger`, `points_lots` and `points_lot_uses` (the balance lives on the member account). */
@Injectable()
export class PointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The dedupe key's unique index makes a retried posting fail here: the caller answers with the first. */
  insertEntry(manager: EntityManager, entry: Omit<PointsLedgerEntry, 'id'>): Promise<number> {
    return insertRow(manager, PointsLedgerEntry, entry);
  }

  /** Many entries at once, each with its dedupe key; their ids with `entryIdsByDedupeKey`. */
  insertEntries(manager: EntityManager, entries: Array<Omit<PointsLedgerEntry, 'id'>>): Promise<void> {
    return insertRows(manager, PointsLedgerEntry, entries);
  }

  async entryIdsByDedupeKey(manager: EntityManager, keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await manager.find(PointsLedgerEntry, { select: { id: true, dedupeKey: true }, where: { dedupeKey: In(keys) } });
    return new Map(rows.map((r) => [r.dedupeKey as string, r.id]));
  }

  insertLots(manager: EntityManager, lots: Array<Omit<PointsLot, 'id'>>): Promise<void> {
    return insertRows(manager, PointsLot, lots);
  }

  insertLot(manager: EntityManager, lot: Omit<PointsLot, 'id'>): Promise<number> {
    return insertRow(manager, PointsLot, lot);
  }

  /**
   * A page of a member's open lots, locked: the transaction's snapshot may predate the member-row
   * lock the debit holds. Dated lots soonest first, then undated ones oldest first, each in the
   * order of the (member_id, expires_at) index.
   */
  openLots(manager: EntityManager, memberId: number, dated: boolean, offset: number, limit: number): Promise<LotBalance[]> {
    const order = dated ? 'expires_at IS NOT NULL ORDER BY expires_at, id' : 'expires_at IS NULL ORDER BY id';
    return this.lots(manager, memberId, `${order} LIMIT ${limit} OFFSET ${offset}`, []);
  }

  /** Exactly these lots of the member (the expiry job names them), locked. */
  lotsByIds(manager: EntityManager, memberId: number, ids: number[]): Promise<LotBalance[]> {
    return ids.length ? this.lots(manager, memberId, `id IN (${ids.map(() => '?').join(', ')})`, ids) : Promise.resolve([]);
  }

  /** False when the lot no longer holds `amount` (it changed under the debit). */
  async take(manager: EntityManager, lotId: number, amount: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE points_lots SET remaining = remaining - ? WHERE id = ? AND remaining >= ?', [amount, lotId, amount])) === 1;
  }

  async insertLotUses(manager: EntityManager, uses: Array<Omit<PointsLotUse, 'id'>>): Promise<void> {
    await manager.createQueryBuilder().insert().into(PointsLotUse).values(uses).updateEntity(false).execute();
  }

  entryByDedupeKey(dedupeKey: string): Promise<PointsLedgerEntry | null> {
    return this.dataSource.manager.findOneBy(PointsLedgerEntry, { dedupeKey });
  }

  /** Newest first, `limit` entries older than `beforeId`. */
  entries(memberId: number, beforeId: number | undefined, limit: number): Promise<PointsLedgerEntry[]> {
    return this.dataSource.manager.find(PointsLedgerEntry, { where: { memberId, ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take: limit });
  }

  /** The whole ledger, oldest first (the member's data export). */
  allEntries(memberId: number): Promise<PointsLedgerEntry[]> {
    return this.dataSource.manager.find(PointsLedgerEntry, { where: { memberId }, order: { id: 'ASC' } });
  }

  /** The member's open lots expiring by `until`, soonest first. */
  expiringLots(memberId: number, until: Date): Promise<PointsLot[]> {
    return this.dataSource.manager
      .createQueryBuilder(PointsLot, 'l')
      .where('l.memberId = :memberId AND l.remaining > 0 AND l.expiresAt IS NOT NULL AND l.expiresAt <= :until', { memberId, until })
      .orderBy('l.expiresAt', 'ASC')
      .getMany();
  }

  /** Members with points expiring in (now, until], how many and the first expiry. */
  async expiringByMember(now: Date, until: Date): Promise<Array<{ memberId: number; points: number; firstExpiry: Date }>> {
    const rows: Array<{ memberId: number; points: string | number; firstExpiry: Date | string }> = await this.dataSource
      .createQueryBuilder(PointsLot, 'l')
      .select('l.memberId', 'memberId')
      .addSelect('SUM(l.remaining)', 'points')
      .addSelect('MIN(l.expiresAt)', 'firstExpiry')
      .where('l.remaining > 0 AND l.expiresAt > :now AND l.expiresAt <= :until', { now, until })
      .groupBy('l.memberId')
      .getRawMany();
    return rows.map((r) => ({ memberId: Number(r.memberId), points: Number(r.points), firstExpiry: new Date(r.firstExpiry) }));
  }

  /** Lots past their expiry with points left, by id after `afterId` (the expiry job walks them in batches). */
  dueLots(afterId: number, now: Date, limit: number): Promise<PointsLot[]> {
    return this.dataSource
      .createQueryBuilder(PointsLot, 'l')
      .where('l.id > :afterId AND l.remaining > 0 AND l.expiresAt IS NOT NULL AND l.expiresAt <= :now', { afterId, now })
      .orderBy('l.id')
      .take(limit)
      .getMany();
  }

  private async lots(manager: EntityManager, memberId: number, where: string, params: unknown[]): Promise<LotBalance[]> {
    const rows: Array<{ id: number; remaining: number; expires_at: string | Date | null }> = await manager.query(
      `SELECT id, remaining, expires_at FROM points_lots WHERE member_id = ? AND remaining > 0 AND ${where}${forUpdate(manager)}`,
      [memberId, ...params],
    );
    return rows.map((r) => ({ id: Number(r.id), remaining: Number(r.remaining), expiresAt: r.expires_at ? fromSqlDate(r.expires_at) : null }));
  }
}
