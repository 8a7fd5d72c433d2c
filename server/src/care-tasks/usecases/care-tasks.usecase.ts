import { Injectable } from '@nestjs/common';
import { CareTaskRules, CareTaskView, CompleteCareTaskRequest, StaffRole } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { ProgrammeService } from '../../programme/programme.service';
import { StaffRepository } from '../../staff/staff.repository';
import { CARE_TASK_KIND_NAMES, CARE_TASK_RULES_KEY } from '../care-task-rules';
import { careTaskClosed, careTaskNotFound, notTheMaintainingClerk } from '../care-tasks.errors';
import { CareTasksRepository } from '../care-tasks.repository';
import { careTaskView } from '../care-tasks.service';

/** A clerk records how a task went; HQ edits the rules that make tasks. */
@Injectable()
export class CareTasksUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: CareTasksRepository,
    private readonly staffRepository: StaffRepository,
    private readonly programme: ProgrammeService,
    private readonly audit: AuditTrail,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  /** The member's maintaining clerk closes it, or a manager of that clerk's store, or HQ; once. */
  async complete(actor: StaffPrincipal, taskId: number, request: CompleteCareTaskRequest, requestId: string): Promise<CareTaskView> {
    return this.tx.run(async (m) => {
      const task = await this.repository.find(m, taskId);
      if (!task) throw careTaskNotFound(taskId);
      await this.assertMayClose(m, actor, task.clerkId);
      const now = this.clock.now();
      const note = request.note?.trim() || null;
      if (!(await this.repository.complete(m, taskId, request.outcome, note, actor.staffId, this.calendar.dateOf(now), now))) {
        throw careTaskClosed(taskId, task.status === 'expired' ? 'expired' : 'done');
      }
      await this.audit.record(m, { staff: actor, requestId }, {
        action: 'care_task.complete',
        targetType: 'member',
        targetId: task.memberId,
        summary: `${CARE_TASK_KIND_NAMES[task.kind]}：会员 ${task.cardNo}`,
        after: { taskId, outcome: request.outcome, note },
      });
      return careTaskView((await this.repository.find(m, taskId))!);
    });
  }

  async updateRules(actor: StaffPrincipal, rules: CareTaskRules, requestId: string): Promise<CareTaskRules> {
    const clean = Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, { enabled: r.enabled, offsetDays: r.offsetDays, windowDays: r.windowDays }])) as CareTaskRules;
    await this.tx.run(async (m) => {
      await this.programme.set(m, CARE_TASK_RULES_KEY, clean);
      await this.audit.record(m, { staff: actor, requestId }, { action: 'care_task.rules', targetType: 'programme', targetId: CARE_TASK_RULES_KEY, summary: '修改关怀任务规则', after: clean });
    });
    return clean;
  }

  private async assertMayClose(m: EntityManager, actor: StaffPrincipal, clerkId: number | null): Promise<void> {
    if (actor.role === StaffRole.HQ_ADMIN || (clerkId !== null && clerkId === actor.staffId)) return;
    if (actor.role === StaffRole.STORE_MANAGER && clerkId !== null) {
      const clerk = await this.staffRepository.find(clerkId, m);
      if (clerk && clerk.storeId === actor.storeId) return;
    }
    throw notTheMaintainingClerk();
  }
}
