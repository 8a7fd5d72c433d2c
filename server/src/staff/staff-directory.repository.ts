import { Injectable } from '@nestjs/common';
import { StaffRole } from '@huiyuan/shared-types';
import { likeLiteral } from '../common/db/sql';
import { EntityManager } from 'typeorm';
import { StaffMember } from './entities/staff-member.entity';

export interface StaffDirectoryFilter {
  /** Part of the username or display name. */
  text?: string;
  role?: StaffRole;
  active?: boolean;
  /** Stores to keep; undefined means any. */
  storeIds?: number[];
}

/** Staff accounts as HQ and managers page through them: every statement of that list. */
@Injectable()
export class StaffDirectoryRepository {
  async page(manager: EntityManager, f: StaffDirectoryFilter, offset: number, limit: number): Promise<{ rows: StaffMember[]; total: number }> {
    if (f.storeIds?.length === 0) return { rows: [], total: 0 };
    const q = manager.createQueryBuilder(StaffMember, 's');
    if (f.text) {
      const like = `%${likeLiteral(f.text)}%`;
      q.andWhere("(s.username LIKE :like ESCAPE '!' OR s.display_name LIKE :like ESCAPE '!')", { like });
    }
    if (f.role) q.andWhere('s.role = :role', { role: f.role });
    if (f.active !== undefined) q.andWhere('s.active = :active', { active: f.active });
    if (f.storeIds) q.andWhere('s.store_id IN (:...storeIds)', { storeIds: f.storeIds });
    const total = await q.clone().getCount();
    const rows = await q.orderBy('s.id', 'ASC').offset(offset).limit(limit).getMany();
    return { rows, total };
  }
}
