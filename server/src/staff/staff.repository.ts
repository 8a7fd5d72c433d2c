import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { execute, findRow } from '../common/db/sql';
import { StaffMember } from './entities/staff-member.entity';

/** Every statement of `staff`: the accounts, their credentials and standing. */
@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: number, manager: EntityManager = this.dataSource.manager): Promise<StaffMember | null> {
    return findRow(manager, StaffMember, { id });
  }

  byUsername(username: string): Promise<StaffMember | null> {
    return findRow(this.dataSource.manager, StaffMember, { username });
  }

  byIds(manager: EntityManager, ids: number[]): Promise<StaffMember[]> {
    return ids.length ? manager.find(StaffMember, { where: { id: In(ids) } }) : Promise.resolve([]);
  }

  all(): Promise<StaffMember[]> {
    return this.dataSource.getRepository(StaffMember).find({ order: { id: 'ASC' } });
  }

  /** A new account; a taken username fails on the unique key. */
  insert(manager: EntityManager, staff: Omit<StaffMember, 'id'>): Promise<StaffMember> {
    return manager.save(manager.create(StaffMember, staff));
  }

  async update(manager: EntityManager, id: number, changes: Partial<Omit<StaffMember, 'id'>>): Promise<void> {
    await manager.update(StaffMember, { id }, changes);
  }

  /** Display names by staff id (for "verified by …"). */
  async displayNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ id: number; display_name: string }>>(`SELECT id, display_name FROM staff WHERE id IN (${unique.map(() => '?').join(', ')})`, unique);
    return new Map(rows.map((r) => [Number(r.id), r.display_name]));
  }

  /** Binds the staff member's own WeChat openid (one account per openid); null unbinds. */
  async bindOpenid(manager: EntityManager, staffId: number, openid: string | null): Promise<void> {
    await execute(manager, 'UPDATE staff SET openid = ? WHERE id = ?', [openid, staffId]);
  }

  /** Where a campaign's test send goes: the staff member's own WeChat, if bound. */
  async openidOf(staffId: number, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    return (await findRow(manager, StaffMember, { id: staffId }))?.openid ?? null;
  }
}
