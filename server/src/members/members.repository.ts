import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { FormerIdentity } from './entities/former-identity.entity';

/**
 * Statements on the member's identity and profile columns of `members` (the account columns have
 * their own owner, MemberAccountRepository).
 */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** What an invitation poster prints: an active member's referral code, nickname and openid. */
  async inviter(memberId: number): Promise<{ referralCode: string; nickname: string | null; openid: string | null } | null> {
    const rows = await this.dataSource.query<Array<{ referral_code: string; nickname: string | null; openid: string | null }>>(
      "SELECT referral_code, nickname, openid FROM members WHERE id = ? AND status = 'active'",
      [memberId],
    );
    return rows[0] ? { referralCode: rows[0].referral_code, nickname: rows[0].nickname, openid: rows[0].openid } : null;
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
