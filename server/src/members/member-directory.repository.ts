import { Injectable } from '@nestjs/common';
import { MemberSort } from '@huiyuan/shared-types';
import { likeLiteral } from '../common/db/sql';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Member } from './entities/member.entity';

export interface MemberDirectoryFilter {
  cardNo?: string;
  phoneHash?: string;
  phoneLast4?: string;
  nicknameLike?: string;
  tierId?: number;
  /** Join stores to keep; undefined means any (and members who joined without a store). */
  joinStoreIds?: number[];
  clerkId?: number;
}

const ORDER: Record<MemberSort, Array<[string, 'ASC' | 'DESC']>> = {
  joined_desc: [['m.created_at', 'DESC']],
  joined_asc: [['m.created_at', 'ASC']],
  points_desc: [['m.points_balance', 'DESC']],
  points_asc: [['m.points_balance', 'ASC']],
  last_visit_desc: [['m.last_visit_at', 'DESC']],
};

/** The staff's searchable list of active members: every statement of it. */
@Injectable()
export class MemberDirectoryRepository {
  async page(manager: EntityManager, filter: MemberDirectoryFilter, sort: MemberSort, offset: number, limit: number): Promise<{ rows: Member[]; total: number }> {
    const where = this.filtered(manager, filter);
    if (filter.joinStoreIds?.length === 0) return { rows: [], total: 0 };
    const total = await where.clone().getCount();
    const ordered = where.clone();
    for (const [column, direction] of ORDER[sort]) ordered.addOrderBy(column, direction);
    // The id keeps pages stable among equal values (same points, same day).
    ordered.addOrderBy('m.id', ORDER[sort][0]?.[1] ?? 'DESC');
    const rows = await ordered.offset(offset).limit(limit).getMany();
    return { rows, total };
  }

  private filtered(manager: EntityManager, f: MemberDirectoryFilter): SelectQueryBuilder<Member> {
    const q = manager.createQueryBuilder(Member, 'm').where('m.status = :status', { status: 'active' });
    if (f.cardNo) q.andWhere('m.card_no = :cardNo', { cardNo: f.cardNo });
    if (f.phoneHash) q.andWhere('m.phone_hash = :phoneHash', { phoneHash: f.phoneHash });
    if (f.phoneLast4) q.andWhere('m.phone_last4 = :phoneLast4', { phoneLast4: f.phoneLast4 });
    if (f.nicknameLike) q.andWhere("m.nickname LIKE :nickname ESCAPE '!'", { nickname: `%${likeLiteral(f.nicknameLike)}%` });
    if (f.tierId !== undefined) q.andWhere('m.tier_id = :tierId', { tierId: f.tierId });
    if (f.joinStoreIds?.length) q.andWhere('m.join_store_id IN (:...storeIds)', { storeIds: f.joinStoreIds });
    if (f.clerkId !== undefined) q.andWhere('m.maintaining_clerk_id = :clerkId', { clerkId: f.clerkId });
    return q;
  }
}
