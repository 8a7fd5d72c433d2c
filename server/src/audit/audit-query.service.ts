import { Injectable } from '@nestjs/common';
import { AuditQuery, AuditRecord as AuditRecordView, CountedPage } from '@huiyuan/shared-types';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly records: AuditRepository,
    private readonly calendar: BusinessCalendar,
  ) {}

  /**
   * Newest first; the cursor is the last id seen. `from`/`to` are whole days in the business time zone.
   * The total counts every record the filters match, whatever page this is.
   */
  async list(filter: Omit<AuditQuery, 'limit'>, limit: number): Promise<CountedPage<AuditRecordView>> {
    const matching = {
      action: filter.action,
      staffId: filter.staffId,
      targetType: filter.targetType,
      targetId: filter.targetId,
      from: filter.from ? this.calendar.startOfDay(filter.from) : undefined,
      until: filter.to ? this.calendar.startOfDay(addDays(filter.to, 1)) : undefined,
    };
    const total = await this.records.count(matching);
    const rows = await this.records.page({ ...matching, beforeId: filter.before }, limit + 1);
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
