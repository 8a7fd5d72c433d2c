import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, findRow, insertRow, isSqlite } from '../common/db/sql';
import { Segment } from './entities/segment.entity';
import { SegmentSnapshot } from './entities/segment-snapshot.entity';
import { CompiledSegment, sourceColumns } from './segment-compiler';

/**
 * The rows a segment reads (see SegmentSource): member_stats, which holds a row for each active member
 * only, or the members' segment index (every column a rule names, in id order) narrowed to the active.
 */
function from(q: SegmentQuery, driver: 'mysql' | 'sqlite'): string {
  switch (q.compiled.source) {
    case 'stats':
      return 'FROM member_stats s';
    case 'stats+members':
      // Each stats row finds its member in the segment index (status, id, …): the member's columns without the row.
      return `FROM member_stats s JOIN members m${driver === 'mysql' ? ' FORCE INDEX (ix_members_segment)' : ''} ON m.status = 'active' AND m.id = s.member_id`;
    case 'members':
      return `FROM members m${driver === 'mysql' ? ' FORCE INDEX (ix_members_segment)' : ''}`;
  }
}

/** A compiled segment narrowed, for store staff, to the stores they see. */
export interface SegmentQuery {
  compiled: CompiledSegment;
  storeIds: number[] | 'all';
}

function where(q: SegmentQuery): { sql: string; params: unknown[] } {
  const parts = q.compiled.source === 'members' ? ["m.status = 'active'", q.compiled.where] : [q.compiled.where];
  const params = [...q.compiled.params];
  if (q.storeIds !== 'all') {
    parts.push(q.storeIds.length ? `${sourceColumns(q.compiled.source).store} IN (${q.storeIds.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...q.storeIds);
  }
  return { sql: parts.join(' AND '), params };
}

/** Every SQL statement of `segments` and its snapshots, and the segment queries over members. */
@Injectable()
export class SegmentsRepository {
  async list(m: EntityManager, ownerStoreIds: number[] | 'all'): Promise<Segment[]> {
    const qb = m.createQueryBuilder(Segment, 's').orderBy('s.id', 'DESC');
    if (ownerStoreIds !== 'all') qb.where(ownerStoreIds.length ? 's.ownerStoreId IS NULL OR s.ownerStoreId IN (:...ids)' : 's.ownerStoreId IS NULL', { ids: ownerStoreIds });
    return qb.getMany();
  }

  async byId(m: EntityManager, id: number): Promise<Segment | null> {
    return findRow(m, Segment, { id });
  }

  async create(m: EntityManager, segment: Omit<Segment, 'id'>): Promise<number> {
    return insertRow(m, Segment, segment);
  }

  async update(m: EntityManager, id: number, changes: { name: string; description: string | null; rulesJson: string; updatedAt: Date }): Promise<void> {
    await m.update(Segment, { id }, changes);
  }

  async delete(m: EntityManager, id: number): Promise<void> {
    await execute(m, 'DELETE FROM segments WHERE id = ?', [id]);
  }

  /** The count split by tier and join store in one scan; the caller sums it for the total. */
  async countByTierAndStore(m: EntityManager, q: SegmentQuery): Promise<Array<{ tierId: number; storeId: number | null; count: number }>> {
    const w = where(q);
    const c = sourceColumns(q.compiled.source);
    const rows: Array<{ tier_id: number; join_store_id: number | null; n: number }> = await m.query(`SELECT ${c.tier} AS tier_id, ${c.store} AS join_store_id, COUNT(*) AS n ${from(q, isSqlite(m) ? 'sqlite' : 'mysql')} WHERE ${w.sql} GROUP BY ${c.tier}, ${c.store}`, w.params);
    return rows.map((r) => ({ tierId: Number(r.tier_id), storeId: r.join_store_id === null ? null : Number(r.join_store_id), count: Number(r.n) }));
  }

  async count(m: EntityManager, q: SegmentQuery): Promise<number> {
    const w = where(q);
    const rows: Array<{ n: number }> = await m.query(`SELECT COUNT(*) AS n ${from(q, isSqlite(m) ? 'sqlite' : 'mysql')} WHERE ${w.sql}`, w.params);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Members in id order after a cursor: the paged list, the sample and the bulk-tagging pages. The ids
   * come from the segment index alone; only the page's rows are read whole.
   */
  async membersAfter(m: EntityManager, q: SegmentQuery, afterId: number, limit: number): Promise<Array<{ id: number; cardNo: string; nickname: string | null; tierId: number; points: number; joinStoreId: number | null }>> {
    const ids = await this.memberIdsAfter(m, q, afterId, limit);
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT id, card_no, nickname, tier_id, points_balance, join_store_id FROM members WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
      ids,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      cardNo: String(r.card_no),
      nickname: (r.nickname as string | null) ?? null,
      tierId: Number(r.tier_id),
      points: Number(r.points_balance),
      joinStoreId: r.join_store_id === null ? null : Number(r.join_store_id),
    }));
  }

  async memberIdsAfter(m: EntityManager, q: SegmentQuery, afterId: number, limit: number): Promise<number[]> {
    const w = where(q);
    const id = sourceColumns(q.compiled.source).id;
    const rows: Array<{ id: number }> = await m.query(`SELECT ${id} AS id ${from(q, isSqlite(m) ? 'sqlite' : 'mysql')} WHERE ${id} > ? AND ${w.sql} ORDER BY ${id} LIMIT ${Number(limit)}`, [afterId, ...w.params]);
    return rows.map((r) => Number(r.id));
  }

  /** Freezes the members as they are now, in one INSERT … SELECT inside the caller's transaction. */
  async snapshot(m: EntityManager, snapshot: Omit<SegmentSnapshot, 'id' | 'memberCount'>, q: SegmentQuery): Promise<{ id: number; memberCount: number }> {
    const id = await insertRow(m, SegmentSnapshot, { ...snapshot, memberCount: 0 });
    const w = where(q);
    const memberCount = await execute(m, `INSERT INTO segment_snapshot_members (snapshot_id, member_id) SELECT ?, ${sourceColumns(q.compiled.source).id} ${from(q, isSqlite(m) ? 'sqlite' : 'mysql')} WHERE ${w.sql}`, [id, ...w.params]);
    await execute(m, 'UPDATE segment_snapshots SET member_count = ? WHERE id = ?', [memberCount, id]);
    return { id, memberCount };
  }

  /** A snapshot's members in id order after a cursor: a campaign's fan-out reads its frozen audience this way. */
  async snapshotMemberIdsAfter(m: EntityManager, snapshotId: number, afterId: number, limit: number): Promise<number[]> {
    const rows: Array<{ member_id: number }> = await m.query(`SELECT member_id FROM segment_snapshot_members WHERE snapshot_id = ? AND member_id > ? ORDER BY member_id LIMIT ${Number(limit)}`, [snapshotId, afterId]);
    return rows.map((r) => Number(r.member_id));
  }

  async snapshotSize(m: EntityManager, snapshotId: number): Promise<number | null> {
    return (await findRow(m, SegmentSnapshot, { id: snapshotId }))?.memberCount ?? null;
  }
}
