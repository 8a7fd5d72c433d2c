import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditQuery, AuditRecord as AuditRecordView, CountedPage } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { sqlDate } from '../common/db/sql';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { AuditRecord } from './audit-record.entity';

@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendar,
  ) {}

  /**
   * Newest first; the cursor is the last id seen. `from`/`to` are whole days in the business time zone.
   * The total counts every record the filters match, whatever page this is.
   */
  async list(filter: Omit<AuditQuery, 'limit'>, limit: number): Promise<CountedPage<AuditRecordView>> {
    const q = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a');
    if (filter.action) q.andWhere('a.action = :action', { action: filter.action });
    if (filter.staffId) q.andWhere('a.staff_id = :staffId', { staffId: filter.staffId });
    if (filter.targetType) q.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) q.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) q.andWhere('a.created_at >= :from', { from: sqlDate(this.dataSource.manager, this.calendar.startOfDay(filter.from)) });
    if (filter.to) q.andWhere('a.created_at < :to', { to: sqlDate(this.dataSource.manager, this.calendar.startOfDay(addDays(filter.to, 1))) });
    const total = await q.clone().getCount();
    if (filter.before) q.andWhere('a.id < :before', { before: filter.before });
    const rows = await q.orderBy('a.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return {
      total,
      items: page.map((r) => ({
        id: r.id,
        staffId: r.staffId,
        role: r.role,
        storeId: r.storeId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        summary: r.summary,
        before: r.beforeJson ? JSON.parse(r.beforeJson) : null,
        after: r.afterJson ? JSON.parse(r.afterJson) : null,
        requestId: r.requestId,
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
    };
  }
}
