import { Injectable, Logger } from '@nestjs/common';
import { AutomationKind, LedgerEntryType } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../common/time/clock';
import { CouponIssuer } from '../coupons/coupon-issuer';
import { PointsLedger } from '../points/points-ledger';
import { AUTOMATIONS } from './automation-rules';
import { AutomationsRepository } from './automations.repository';
import { Automation } from './entities/automation.entity';

export interface Occurrence {
  memberId: number;
  /** Once per (automation, member, key): "birthday-2026-12-02", "entry-381", "join". */
  key: string;
  status: 'fired' | 'expired';
  storeId?: number | null;
}

/**
 * Answers one member's moment for one automation, in one transaction: the occurrence row first (its
 * unique key makes a re-run, a retried event or a second instance a no-op), then the coupon and
 * points it gives. An expired moment is recorded and gives nothing.
 */
@Injectable()
export class AutomationEngine {
  private readonly logger = new Logger('AutomationEngine');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: AutomationsRepository,
    private readonly coupons: CouponIssuer,
    private readonly ledger: PointsLedger,
    private readonly clock: Clock,
  ) {}

  /** The automation when it is switched on, else null (nothing is recorded for a switched-off one). */
  async enabled(kind: AutomationKind): Promise<Automation | null> {
    const row = await this.tx.read((m) => this.repository.byKind(m, kind));
    return row?.enabled ? row : null;
  }

  /** Each occurrence in its own transaction, so one member's failure never holds back the rest. */
  async answerAll(automation: Automation, occurrences: Occurrence[]): Promise<{ fired: number; expired: number }> {
    const counts = { fired: 0, expired: 0 };
    for (const o of occurrences) {
      try {
        const outcome = await this.tx.run((m) => this.answer(m, automation, o));
        if (outcome) counts[outcome]++;
      } catch (error) {
        this.logger.error({ err: error, automation: automation.kind, memberId: o.memberId, key: o.key }, 'could not answer an automation occurrence; the next run retries it');
      }
    }
    return counts;
  }

  async answer(m: EntityManager, automation: Automation, o: Occurrence): Promise<'fired' | 'expired' | null> {
    const now = this.clock.now();
    const id = await this.repository.claimOccurrence(m, { automationId: automation.id, memberId: o.memberId, occurrenceKey: o.key, status: o.status, createdAt: now });
    if (id === null || o.status === 'expired') return id === null ? null : 'expired';
    let couponId: number | null = null;
    const couponTemplateId = automation.couponTemplateId;
    if (couponTemplateId !== null) {
      try {
        // A savepoint: a refused issue must take back whatever part of it was written.
        couponId = await m.transaction(async (inner) => (await this.coupons.issue(inner, { templateId: couponTemplateId, memberId: o.memberId, source: 'automation', sourceId: String(id), storeId: o.storeId ?? null })).id);
      } catch (error) {
        // Sold out, over the member's limit, switched off: the message still goes, without the coupon.
        if (!(error instanceof AppError)) throw error;
        this.logger.warn({ automation: automation.kind, memberId: o.memberId, reason: error.message }, 'automation coupon not issued');
      }
    }
    if (automation.pointsAward > 0) {
      await this.ledger.credit(m, LedgerEntryType.EARN, automation.pointsAward, { memberId: o.memberId, sourceType: 'automation', sourceId: String(id), storeId: o.storeId ?? null, reason: AUTOMATIONS[automation.kind].name, dedupeKey: `automation:${id}` });
    }
    await this.repository.recordAwards(m, id, couponId, automation.pointsAward);
    return 'fired';
  }
}
