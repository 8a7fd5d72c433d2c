import { Injectable, Logger } from '@nestjs/common';
import { AutomationKind, LedgerEntryType } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { chineseDate } from '../campaigns/message-rendering';
import { MessageDelivery } from '../campaigns/message-delivery';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../common/time/clock';
import { CouponIssuer, IssuedCoupon } from '../coupons/coupon-issuer';
import { PointsLedger } from '../points/points-ledger';
import { AUTOMATIONS, fillOwnPlaceholders } from './automation-rules';
import { AutomationsRepository } from './automations.repository';
import { Automation } from './entities/automation.entity';

export interface Occurrence {
  memberId: number;
  /** Once per (automation, member, key): "birthday-2026-12-02", "entry-381", "join". */
  key: string;
  status: 'fired' | 'expired';
  storeId?: number | null;
  /** The kind's own placeholders for this member ({growthToReturn}, {memberDay}…). */
  values?: Record<string, string>;
  /** When the message stops being worth sending (default: a day from now). */
  notAfter?: Date;
}

/** A moment's message is not worth sending a day later (a birthday greeting, an expiry reminder). */
const MESSAGE_FRESH_MS = 24 * 3600_000;
/** Switching an automation on or off reaches other instances' publishers within about this. */
const SWITCHES_CACHE_MS = 5_000;

/**
 * Answers one member's moment for one automation, in one transaction: the occurrence row first (its
 * unique key makes a re-run, a retried event or a second instance a no-op), then the coupon and
 * points it gives, then its message on the campaigns' delivery path (service lane: quota, quiet
 * hours, rendering and results as for a campaign). An expired moment is recorded and gives nothing.
 */
@Injectable()
export class AutomationEngine {
  private readonly logger = new Logger('AutomationEngine');
  /** The kinds switched on, for publishers deciding in their transaction whether an event is worth writing. */
  private switchedOn: { kinds: Set<AutomationKind>; at: number } | null = null;
  /** Bumped by forgetSwitches: a read that began before it may have seen the old rows and is not kept. */
  private switchesGeneration = 0;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: AutomationsRepository,
    private readonly coupons: CouponIssuer,
    private readonly ledger: PointsLedger,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly delivery: MessageDelivery,
  ) {}

  /**
   * From memory, read again through the asker's transaction every few seconds (SQLite's one
   * connection is held by it); `enabled` reads the row itself.
   */
  async isSwitchedOn(m: EntityManager, kind: AutomationKind): Promise<boolean> {
    if (!this.switchedOn || Date.now() - this.switchedOn.at > SWITCHES_CACHE_MS) {
      const generation = this.switchesGeneration;
      const kinds = new Set((await this.repository.all(m)).filter((a) => a.enabled).map((a) => a.kind));
      if (generation === this.switchesGeneration) this.switchedOn = { kinds, at: Date.now() };
      return kinds.has(kind);
    }
    return this.switchedOn.kinds.has(kind);
  }

  /** After a switch has committed in this instance: the next question reads the rows again. */
  forgetSwitches(): void {
    this.switchesGeneration++;
    this.switchedOn = null;
  }

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
    let coupon: IssuedCoupon | null = null;
    const couponTemplateId = automation.couponTemplateId;
    if (couponTemplateId !== null) {
      try {
        // A savepoint: a refused issue must take back whatever part of it was written.
        coupon = await m.transaction((inner) => this.coupons.issue(inner, { templateId: couponTemplateId, memberId: o.memberId, source: 'automation', sourceId: String(id), storeId: o.storeId ?? null }));
      } catch (error) {
        // Sold out, over the member's limit, switched off: the message still goes, without the coupon.
        if (!(error instanceof AppError)) throw error;
        this.logger.warn({ automation: automation.kind, memberId: o.memberId, reason: error.message }, 'automation coupon not issued');
      }
    }
    if (automation.pointsAward > 0) {
      await this.ledger.credit(m, LedgerEntryType.EARN, automation.pointsAward, { memberId: o.memberId, sourceType: 'automation', sourceId: String(id), storeId: o.storeId ?? null, reason: AUTOMATIONS[automation.kind].name, dedupeKey: `automation:${id}` });
    }
    await this.repository.recordAwards(m, id, coupon?.id ?? null, automation.pointsAward);
    if (automation.templateId !== null) {
      // The coupon was given here, whether or not the member can be messaged: the message names it
      // rather than giving a second one when sent.
      const given = coupon ? { coupon: coupon.title, expiry: chineseDate(this.calendar.dateOf(new Date(coupon.expiresAt.getTime() - 1))) } : { coupon: '', expiry: '' };
      const fieldValues = fillOwnPlaceholders(JSON.parse(automation.fieldValues) as Record<string, string>, { ...blankOwn(automation), ...o.values, ...given });
      await this.delivery.enqueue(m, { automationId: automation.id, occurrenceKey: o.key, memberId: o.memberId, templateId: automation.templateId, fieldValues, page: automation.page, lane: 'service', notAfter: o.notAfter ?? new Date(now.getTime() + MESSAGE_FRESH_MS) });
    }
    return 'fired';
  }
}

/** A kind's own placeholders with nothing known for them render empty, as an unknown nickname does. */
function blankOwn(automation: Automation): Record<string, string> {
  return Object.fromEntries(Object.keys(AUTOMATIONS[automation.kind].extraPlaceholders ?? {}).map((name) => [name, '']));
}
