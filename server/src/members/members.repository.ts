import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { execute, findRow, insertRow, insertRows } from '../common/db/sql';
import { FormerIdentity } from './entities/former-identity.entity';
import { Member } from './entities/member.entity';

export interface MessageProfile {
  id: number;
  /** Null for a member who left (or whose account is closed): nothing can reach them. */
  openid: string | null;
  cardNo: string;
  nickname: string | null;
  tierId: number;
  points: number;
  joinStoreId: number | null;
}

/**
 * Statements on the member's identity and profile columns of `members` (the account columns have
 * their own owner, MemberAccountRepository).
 */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member matching every given column (id, openid, card number, phone hash…). */
  findBy(where: Partial<Member>, manager: EntityManager = this.dataSource.manager): Promise<Member | null> {
    return findRow(manager, Member, where);
  }

  /** A new member row (the join); a taken openid, card number or referral code fails on its unique key. */
  insert(manager: EntityManager, member: Partial<Omit<Member, 'id'>>): Promise<number> {
    return insertRow(manager, Member, member);
  }

  /** Many new members at once (an import), in the caller's transaction; their ids by card number with `idsByCardNo`. */
  insertMany(manager: EntityManager, members: Array<Partial<Omit<Member, 'id'>>>): Promise<void> {
    return insertRows(manager, Member, members);
  }

  /** Member ids by card number, for the cards given that exist. */
  async idsByCardNo(manager: EntityManager, cardNos: string[]): Promise<Map<string, number>> {
    if (cardNos.length === 0) return new Map();
    const rows = await manager.find(Member, { select: { id: true, cardNo: true }, where: { cardNo: In(cardNos) } });
    return new Map(rows.map((r) => [r.cardNo, r.id]));
  }

  /** Which of these phone hashes an active member already has. */
  async phoneHashesInUse(manager: EntityManager, hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await manager.find(Member, { select: { phoneHash: true }, where: { phoneHash: In(hashes), status: 'active' } });
    return new Set(rows.map((r) => r.phoneHash as string));
  }

  /** Profile, phone or erasure changes; `activeOnly` leaves a deleted account's anonymised row alone. Returns the rows changed. */
  async update(manager: EntityManager, memberId: number, changes: Partial<Omit<Member, 'id'>>, options: { activeOnly: boolean }): Promise<number> {
    return (await manager.update(Member, options.activeOnly ? { id: memberId, status: 'active' } : { id: memberId }, changes)).affected ?? 0;
  }

  /** Remembers the identities of a membership being deleted, in the deletion's transaction; a second deletion keeps the first mark. */
  async rememberFormerIdentities(manager: EntityManager, memberId: number, hashes: string[], at: Date): Promise<void> {
    const known = new Set((await manager.findBy(FormerIdentity, { identityHash: In(hashes) })).map((f) => f.identityHash));
    for (const identityHash of hashes.filter((h) => !known.has(h))) await manager.insert(FormerIdentity, { identityHash, memberId, deletedAt: at });
  }

  /** Whether any of these identities belonged to a deleted membership. */
  async hadMembership(manager: EntityManager, hashes: string[]): Promise<boolean> {
    return (await manager.countBy(FormerIdentity, { identityHash: In(hashes) })) > 0;
  }

  active(memberId: number, manager: EntityManager = this.dataSource.manager): Promise<Member | null> {
    return findRow(manager, Member, { id: memberId, status: 'active' });
  }

  async setMaintainingClerk(manager: EntityManager, memberId: number, clerkId: number): Promise<void> {
    await execute(manager, 'UPDATE members SET maintaining_clerk_id = ? WHERE id = ?', [clerkId, memberId]);
  }

  /** Every member one clerk maintains goes to another in one statement, so a transfer is never half done. */
  transferMaintainingClerk(manager: EntityManager, fromClerkId: number, toClerkId: number): Promise<number> {
    return execute(manager, 'UPDATE members SET maintaining_clerk_id = ? WHERE maintaining_clerk_id = ?', [toClerkId, fromClerkId]);
  }

  /** What an invitation poster prints: an active member's referral code, nickname and openid. */
  async inviter(memberId: number): Promise<{ referralCode: string; nickname: string | null; openid: string | null } | null> {
    const rows = await this.dataSource.query<Array<{ referral_code: string; nickname: string | null; openid: string | null }>>(
      "SELECT referral_code, nickname, openid FROM members WHERE id = ? AND status = 'active'",
      [memberId],
    );
    return rows[0] ? { referralCode: rows[0].referral_code, nickname: rows[0].nickname, openid: rows[0].openid } : null;
  }

  /** The store a member joined at (which stores' staff may see them); null when there is no such member. */
  async joinStoreOf(memberId: number): Promise<{ joinStoreId: number | null } | null> {
    const rows = await this.dataSource.query<Array<{ join_store_id: number | null }>>('SELECT join_store_id FROM members WHERE id = ?', [memberId]);
    return rows[0] ? { joinStoreId: rows[0].join_store_id === null ? null : Number(rows[0].join_store_id) } : null;
  }

  /** Card numbers and nicknames by member id (lists that name members). */
  async cards(ids: number[]): Promise<Map<number, { cardNo: string; nickname: string | null }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ id: number; card_no: string; nickname: string | null }>>(`SELECT id, card_no, nickname FROM members WHERE id IN (${unique.map(() => '?').join(', ')})`, unique);
    return new Map(rows.map((r) => [Number(r.id), { cardNo: r.card_no, nickname: r.nickname }]));
  }

  /** What a message to each member is addressed and filled from (template messages, their previews). */
  async messageProfiles(manager: EntityManager, ids: number[]): Promise<Map<number, MessageProfile>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT id, openid, card_no, nickname, tier_id, points_balance, join_store_id, status FROM members WHERE id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          id: Number(r.id),
          openid: r.status === 'active' ? ((r.openid as string | null) ?? null) : null,
          cardNo: String(r.card_no),
          nickname: (r.nickname as string | null) ?? null,
          tierId: Number(r.tier_id),
          points: Number(r.points_balance),
          joinStoreId: r.join_store_id === null ? null : Number(r.join_store_id),
        },
      ]),
    );
  }

  /**
   * Whether another member shares this one's unionid or phone: the same person under a second
   * account (which a referral must not reward). Null when neither matches.
   */
  async sharedIdentity(manager: EntityManager, memberId: number): Promise<'same_unionid' | 'same_phone' | null> {
    const rows = await manager.query<Array<{ unionid: string | null; phone_hash: string | null }>>('SELECT unionid, phone_hash FROM members WHERE id = ?', [memberId]);
    const { unionid, phone_hash: phoneHash } = rows[0] ?? { unionid: null, phone_hash: null };
    if (unionid && (await manager.query('SELECT id FROM members WHERE unionid = ? AND id <> ? LIMIT 1', [unionid, memberId])).length > 0) return 'same_unionid';
    if (phoneHash && (await manager.query('SELECT id FROM members WHERE phone_hash = ? AND id <> ? LIMIT 1', [phoneHash, memberId])).length > 0) return 'same_phone';
    return null;
  }
}
