import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { execute, findRow } from '../common/db/sql';
import { StaffMember } from './entities/staff-member.entity';

/** Statements on `staff` that other features read through. */
@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: number, manager: EntityManager = this.dataSource.manager): Promise<StaffMember | null> {
    return findRow(manager, StaffMember, { id });
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
