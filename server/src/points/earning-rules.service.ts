import { Injectable } from '@nestjs/common';
import type { EarningRules, ExpiryPolicy } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_EARNING_RULES } from '../programme/programme-settings';

export interface EarningRulesUpdate {
  pointsPerYuan: number;
  welcomePoints: number;
  expiry: { kind: ExpiryPolicy['kind']; months?: number };
  memberDay: { weekday: number; multiplierPct: number } | null;
  growthPerYuan: number;
  growthWindow: EarningRules['growthWindow'];
  costPer100PointsCents?: number;
}

/** HQ's earning rules; a new expiry policy applies to points earned from now on (existing lots keep their date). */
@Injectable()
export class EarningRulesService {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  get(): Promise<EarningRules> {
    return this.programme.get('earning', DEFAULT_EARNING_RULES);
  }

  async update(staff: StaffPrincipal, update: EarningRulesUpdate, requestId: string): Promise<EarningRules> {
    const before = await this.get();
    const expiry: ExpiryPolicy = update.expiry.kind === 'months_after_earning' ? { kind: 'months_after_earning', months: update.expiry.months ?? 12 } : { kind: update.expiry.kind };
    const next: EarningRules = { ...before, ...update, expiry, memberDay: update.memberDay ?? null, costPer100PointsCents: update.costPer100PointsCents ?? before.costPer100PointsCents };
    await this.tx.run(async (m) => {
      await this.programme.set(m, 'earning', next);
      await this.audit.record(m, { staff, requestId }, { action: 'programme.earning_rules', targetType: 'programme', targetId: 'earning', summary: '修改积分规则', before, after: next });
    });
    return next;
  }
}
