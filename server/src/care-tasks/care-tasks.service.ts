import { Injectable } from '@nestjs/common';
import { CareTaskCompletion, CareTaskRules, CareTaskView, StaffRole } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { rangeReversed } from '../common/errors/common.errors';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { CareTaskGenerationJob } from './care-task-generation.job';
import { CareTaskRow, CareTasksRepository } from './care-tasks.repository';

const RECENT = 100;

/** Reads: a clerk's list, the managers' completion figures, HQ's rules. */
@Injectable()
export class CareTasksService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: CareTasksRepository,
    private readonly generation: CareTaskGenerationJob,
    private readonly calendar: BusinessCalendar,
  ) {}

  async mine(staff: StaffPrincipal): Promise<CareTaskView[]> {
    const rows = await this.tx.read((m) => this.repository.openFor(m, staff.staffId, this.calendar.today()));
    return rows.map(careTaskView);
  }

  async completion(staff: StaffPrincipal, range: { from?: string; to?: string }): Promise<CareTaskCompletion> {
    const today = this.calendar.today();
    const to = range.to ?? today;
    const from = range.from ?? addDays(to, -29);
    if (from > to) throw rangeReversed();
    const storeId = staff.role === StaffRole.HQ_ADMIN ? null : staff.storeId;
    return this.tx.read(async (m) => {
      const rows = await this.repository.completion(m, from, to, today, storeId);
      const recent = await this.repository.closedIn(m, from, to, storeId, RECENT);
      return {
        from,
        to,
        rows: rows.map((r) => ({
          clerk: { id: r.staffId, name: r.staffName },
          store: { id: r.storeId, name: r.storeName },
          open: r.open,
          done: r.done,
          expired: r.expired,
          completionRate: r.done + r.expired > 0 ? r.done / (r.done + r.expired) : null,
        })),
        recent: recent.map(careTaskView),
      };
    });
  }

  rules(): Promise<CareTaskRules> {
    return this.generation.rules();
  }
}

export function careTaskView(r: CareTaskRow): CareTaskView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    dueDay: r.dueDay,
    expiresDay: r.expiresDay,
    member: { id: r.memberId, cardNo: r.cardNo, nickname: r.nickname, phoneLast4: r.phoneLast4, tierName: r.tierName },
    reason: r.reason,
    outcome: r.outcome,
    note: r.note,
    doneAt: r.status === 'done' && r.closedAt ? r.closedAt.toISOString() : null,
    doneBy: r.status === 'done' && r.staffId !== null ? { id: r.staffId, name: r.staffName ?? '' } : null,
    clerk: r.clerkId !== null ? { id: r.clerkId, name: r.clerkName ?? '' } : null,
  };
}
