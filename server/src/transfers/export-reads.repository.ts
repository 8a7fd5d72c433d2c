import { Injectable } from '@nestjs/common';
import { ExportDataset } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { likeLiteral, sqlDate } from '../common/db/sql';
import type { RawRow } from './export-sheets';

/** What an export keeps, resolved from the request and the staff member's scope before it runs. */
export interface ExportFilter {
  /** Stores whose rows the export may hold; 'all' for HQ without a store filter. */
  storeIds: number[] | 'all';
  from: Date | null;
  to: Date | null;
  member: { cardNo?: string; phoneHash?: string; phoneLast4?: string; nicknameLike?: string; tierId?: number };
  /** Campaign deliveries of this campaign only. */
  campaignId?: number | null;
}

interface Source {
  select: string;
  from: string;
  id: string;
  time: string | null;
  /** Columns a store scope matches: one of them in the scope keeps the row. */
  stores: string[];
  /** What every row of the dataset is, besides the filters. */
  always?: string;
}

/**
 * Read-only report queries over other features' tables, for the exports: each dataset in primary-key
 * batches (`id > ? ORDER BY id LIMIT n`), so a million rows stream with flat memory and every batch
 * is an index range. Writes to these tables stay with their owners; this only reads, as a reporting
 * replica would.
 */
const SOURCES: Record<ExportDataset, Source> = {
  members: {
    select: 'm.id, m.card_no, m.nickname, m.phone_cipher, m.phone_last4, m.tier_id, m.points_balance, m.growth, m.join_store_id, m.birthday_calendar, m.birth_year, m.birth_month, m.birth_day, m.created_at, m.last_visit_at',
    from: 'members m',
    id: 'm.id',
    time: null,
    stores: ['m.join_store_id'],
  },
  // A manager's ledger is that of the members who joined in their stores, as their member list is.
  points_ledger: {
    select: 'l.id, l.created_at, mm.card_no, l.type, l.delta, l.balance_after, l.reason, l.store_id, l.source_type',
    from: 'points_ledger l JOIN members mm ON mm.id = l.member_id',
    id: 'l.id',
    time: 'l.created_at',
    stores: ['mm.join_store_id'],
  },
  // Coupons issued or used in the manager's stores: both sides of a cross-store verification see it.
  coupons: {
    select: 'c.id, c.code, c.title, c.face_text, mm.card_no, c.status, c.created_at, c.issued_store_id, c.expires_at, c.used_at, c.used_store_id',
    from: 'coupons c JOIN members mm ON mm.id = c.member_id',
    id: 'c.id',
    time: 'c.created_at',
    stores: ['c.issued_store_id', 'c.used_store_id'],
  },
  purchases: {
    select: 'p.id, p.created_at, p.store_id, p.order_no, mm.card_no, p.amount_cents, p.refunded_cents, p.points, p.growth, s.display_name AS staff_name',
    from: 'purchases p JOIN members mm ON mm.id = p.member_id LEFT JOIN staff s ON s.id = p.staff_id',
    id: 'p.id',
    time: 'p.created_at',
    stores: ['p.store_id'],
  },
  audit: {
    select: 'a.id, a.created_at, s.display_name AS staff_name, a.role, a.store_id, a.action, a.target_type, a.target_id, a.summary, a.request_id',
    from: 'audit_records a LEFT JOIN staff s ON s.id = a.staff_id',
    id: 'a.id',
    time: 'a.created_at',
    stores: ['a.store_id'],
  },
  // Campaign messages (not automations'), by the recipient's join store as the member list is.
  campaign_deliveries: {
    select: 'd.id, c.name AS campaign_name, mm.card_no, mm.nickname, mm.phone_last4, d.status, d.errcode, d.detail, d.created_at, d.sent_at, d.opened_at, cp.code AS coupon_code',
    from: 'campaign_deliveries d JOIN campaigns c ON c.id = d.campaign_id JOIN members mm ON mm.id = d.member_id LEFT JOIN coupons cp ON cp.id = d.coupon_id',
    id: 'd.id',
    time: 'd.created_at',
    stores: ['mm.join_store_id'],
    always: 'd.campaign_id IS NOT NULL',
  },
};

@Injectable()
export class ExportReadsRepository {
  async count(m: EntityManager, dataset: ExportDataset, filter: ExportFilter): Promise<number> {
    const source = SOURCES[dataset];
    const w = this.where(m, dataset, filter);
    const rows: Array<{ n: number | string }> = await m.query(`SELECT COUNT(*) AS n FROM ${source.from} WHERE ${w.sql}`, w.params);
    return Number(rows[0]?.n ?? 0);
  }

  async batch(m: EntityManager, dataset: ExportDataset, filter: ExportFilter, afterId: number, limit: number): Promise<RawRow[]> {
    const source = SOURCES[dataset];
    const w = this.where(m, dataset, filter);
    return m.query(`SELECT ${source.select} FROM ${source.from} WHERE ${source.id} > ? AND ${w.sql} ORDER BY ${source.id} LIMIT ${Number(limit)}`, [afterId, ...w.params]);
  }

  /** Members by id (a segment's page of ids), in id order. */
  async membersByIds(m: EntityManager, ids: number[]): Promise<RawRow[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT ${SOURCES.members.select} FROM members m WHERE m.id IN (${ids.map(() => '?').join(', ')}) ORDER BY m.id`, ids);
  }

  private where(m: EntityManager, dataset: ExportDataset, f: ExportFilter): { sql: string; params: unknown[] } {
    const source = SOURCES[dataset];
    const parts: string[] = [];
    const params: unknown[] = [];
    if (dataset === 'members') {
      parts.push("m.status = 'active'");
      const add = (sql: string, value: unknown) => {
        parts.push(sql);
        params.push(value);
      };
      if (f.member.cardNo) add('m.card_no = ?', f.member.cardNo);
      if (f.member.phoneHash) add('m.phone_hash = ?', f.member.phoneHash);
      if (f.member.phoneLast4) add('m.phone_last4 = ?', f.member.phoneLast4);
      if (f.member.nicknameLike) add("m.nickname LIKE ? ESCAPE '!'", `%${likeLiteral(f.member.nicknameLike)}%`);
      if (f.member.tierId !== undefined) add('m.tier_id = ?', f.member.tierId);
    }
    if (source.always) parts.push(source.always);
    if (dataset === 'campaign_deliveries' && f.campaignId) {
      parts.push('d.campaign_id = ?');
      params.push(f.campaignId);
    }
    if (source.time && f.from) {
      parts.push(`${source.time} >= ?`);
      params.push(sqlDate(m, f.from));
    }
    if (source.time && f.to) {
      parts.push(`${source.time} < ?`);
      params.push(sqlDate(m, f.to));
    }
    if (f.storeIds !== 'all') {
      const ids = f.storeIds;
      if (ids.length === 0) parts.push('1 = 0');
      else {
        const list = ids.map(() => '?').join(', ');
        parts.push(`(${source.stores.map((c) => `${c} IN (${list})`).join(' OR ')})`);
        for (let i = 0; i < source.stores.length; i++) params.push(...ids);
      }
    }
    return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
  }
}
