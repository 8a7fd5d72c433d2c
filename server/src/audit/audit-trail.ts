import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { Clock } from '../common/time/clock';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Staff actions are recorded inside the transaction that makes them, so there is no change without its record. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly clock: Clock,
    private readonly records: AuditRepository,
  ) {}

  async record(manager: EntityManager, actor: { staff: StaffPrincipal | null; requestId?: string | null; storeId?: number | null }, entry: AuditEntry): Promise<void> {
    await this.records.insert(manager, {
      staffId: actor.staff?.staffId ?? null,
      role: actor.staff?.role ?? null,
      storeId: actor.storeId ?? actor.staff?.storeId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      summary: entry.summary.slice(0, 255),
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      requestId: actor.requestId ?? null,
      createdAt: this.clock.now(),
    });
  }
}
