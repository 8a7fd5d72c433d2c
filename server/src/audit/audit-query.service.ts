import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditRecord as AuditRecordView, Page } from '@huiyuan/shared-types';
import { DataSource, LessThan } from 'typeorm';
import { AuditRecord } from './audit-record.entity';

@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; the cursor is the last id seen. */
  async list(action: string | undefined, beforeId: number | undefined, limit: number): Promise<Page<AuditRecordView>> {
    const rows = await this.dataSource.getRepository(AuditRecord).find({
      where: { ...(action ? { action } : {}), ...(beforeId ? { id: LessThan(beforeId) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
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
