import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fromSqlDate, insertRow } from '../common/db/sql';
import { MemberNote } from './entities/member-note.entity';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : fromSqlDate(v as Date | string).toISOString());
const LIMIT = 50;

/**
 * Every SQL statement of `member_notes`, and the 360's reads of the member's history in other
 * features' tables (read-only, each through that table's member index, newest first, capped).
 */
@Injectable()
export class Member360Repository {
  async addNote(m: EntityManager, note: Omit<MemberNote, 'id'>): Promise<number> {
    return insertRow(m, MemberNote, note);
  }

  async notes(m: EntityManager, memberId: number, beforeId: number | null, limit: number): Promise<Array<{ id: number; body: string; staffId: number; staffName: string; createdAt: string }>> {
    const rows: Row[] = await m.query(
      `SELECT n.id, n.body, n.staff_id, s.display_name, n.created_at FROM member_notes n LEFT JOIN staff s ON s.id = n.staff_id
        WHERE n.member_id = ? ${beforeId ? 'AND n.id < ?' : ''} ORDER BY n.id DESC LIMIT ${Number(limit)}`,
      beforeId ? [memberId, beforeId] : [memberId],
    );
    return rows.map((r) => ({ id: Number(r.id), body: String(r.body), staffId: Number(r.staff_id), staffName: String(r.display_name ?? ''), createdAt: iso(r.created_at) as string }));
  }

  async tierHistory(m: EntityManager, memberId: number): Promise<Array<{ fromTierId: number; toTierId: number; reason: string; at: string }>> {
    const rows: Row[] = await m.query(`SELECT from_tier_id, to_tier_id, reason, created_at FROM tier_history WHERE member_id = ? ORDER BY id DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ fromTierId: Number(r.from_tier_id), toTierId: Number(r.to_tier_id), reason: String(r.reason), at: iso(r.created_at) as string }));
  }

  async growth(m: EntityManager, memberId: number): Promise<Array<{ amount: number; sourceType: string; at: string }>> {
    const rows: Row[] = await m.query(`SELECT amount, source_type, created_at FROM growth_entries WHERE member_id = ? ORDER BY created_at DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ amount: Number(r.amount), sourceType: String(r.source_type), at: iso(r.created_at) as string }));
  }

  async ledger(m: EntityManager, memberId: number): Promise<Array<{ id: number; delta: number; balanceAfter: number; type: string; reason: string; at: string }>> {
    const rows: Row[] = await m.query(`SELECT id, delta, balance_after, type, reason, created_at FROM points_ledger WHERE member_id = ? ORDER BY id DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ id: Number(r.id), delta: Number(r.delta), balanceAfter: Number(r.balance_after), type: String(r.type), reason: String(r.reason), at: iso(r.created_at) as string }));
  }

  async purchases(m: EntityManager, memberId: number): Promise<Array<{ id: number; orderNo: string; storeId: number; amountCents: number; refundedCents: number; points: number; at: string }>> {
    const rows: Row[] = await m.query(`SELECT id, order_no, store_id, amount_cents, refunded_cents, points, created_at FROM purchases WHERE member_id = ? ORDER BY created_at DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ id: Number(r.id), orderNo: String(r.order_no), storeId: Number(r.store_id), amountCents: Number(r.amount_cents), refundedCents: Number(r.refunded_cents), points: Number(r.points), at: iso(r.created_at) as string }));
  }

  async coupons(m: EntityManager, memberId: number): Promise<Array<{ id: number; title: string; faceText: string; status: string; expiresAt: string; usedAt: string | null }>> {
    const rows: Row[] = await m.query(`SELECT id, title, face_text, status, expires_at, used_at FROM coupons WHERE member_id = ? ORDER BY id DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ id: Number(r.id), title: String(r.title), faceText: String(r.face_text), status: String(r.status), expiresAt: iso(r.expires_at) as string, usedAt: iso(r.used_at) }));
  }

  async checkins(m: EntityManager, memberId: number): Promise<Array<{ day: string; streak: number; points: number; kind: string }>> {
    const rows: Row[] = await m.query(`SELECT day, streak, points, kind FROM checkins WHERE member_id = ? ORDER BY day DESC LIMIT ${LIMIT}`, [memberId]);
    return rows.map((r) => ({ day: String(r.day), streak: Number(r.streak), points: Number(r.points), kind: String(r.kind) }));
  }

  async referrals(m: EntityManager, memberId: number, referrerId: number | null) {
    const referred: Row[] = await m.query(
      `SELECT r.referee_id, r.state, r.joined_at, x.card_no, x.nickname FROM referrals r JOIN members x ON x.id = r.referee_id WHERE r.referrer_id = ? ORDER BY r.id DESC LIMIT ${LIMIT}`,
      [memberId],
    );
    const by: Row[] = referrerId ? await m.query('SELECT id, card_no, nickname FROM members WHERE id = ?', [referrerId]) : [];
    const referrer = by[0];
    return {
      referredBy: referrer ? { id: Number(referrer.id), cardNo: String(referrer.card_no), nickname: (referrer.nickname as string | null) ?? null } : null,
      referred: referred.map((r) => ({ id: Number(r.referee_id), cardNo: String(r.card_no), nickname: (r.nickname as string | null) ?? null, state: String(r.state), joinedAt: iso(r.joined_at) as string })),
    };
  }

  async staffName(m: EntityManager, staffId: number): Promise<string | null> {
    const rows: Row[] = await m.query('SELECT display_name FROM staff WHERE id = ?', [staffId]);
    return rows[0] ? String(rows[0].display_name) : null;
  }
}
