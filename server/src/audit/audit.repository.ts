import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { insertRow, sqlDate } from '../common/db/sql';
import { AuditRecord } from './audit-record.entity';

export interface AuditFilter {
  action?: string;
  staffId?: number;
  targetType?: string;
  targetId?: string;
  /** Instants: the caller turns business days into them. */
  from?: Date;
  until?: Date;
  beforeId?: number;
}

/** Every statement of `audit_records`: written in the transaction of the action, read newest first. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, record: Omit<AuditRecord, 'id'>): Promise<void> {
    await insertRow(manager, AuditRecord, record);
  }

  /** Newest first, `limit` rows below `beforeId`. */
  page(filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
    return this.matching(filter).orderBy('a.id', 'DESC').take(limit).getMany();
  }

  count(filter: AuditFilter): Promise<number> {
    return this.matching(filter).getCount();
  }

  private matching(filter: AuditFilter): SelectQueryBuilder<AuditRecord> {
    const q = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a');
    const at = (d: Date) => sqlDate(this.dataSource.manager, d);
    if (filter.action) q.andWhere('a.action = :action', { action: filter.action });
    if (filter.staffId) q.andWhere('a.staff_id = :staffId', { staffId: filter.staffId });
    if (filter.targetType) q.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) q.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) q.andWhere('a.created_at >= :from', { from: at(filter.from) });
    if (filter.until) q.andWhere('a.created_at < :until', { until: at(filter.until) });
    if (filter.beforeId) q.andWhere('a.id < :beforeId', { beforeId: filter.beforeId });
    return q;
  }
}
