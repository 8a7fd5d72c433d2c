import { Injectable } from '@nestjs/common';
import { SubscribeAnswer } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { SubscriptionGrantsRepository } from './subscription-grants.repository';
import { ACCEPT_PAIRING_WINDOW_MS } from './template-rules';

/**
 * Accepts from their two witnesses: the client's report (provisional, so the member sees it at once)
 * and WeChat's popup event (the record to trust). Either may come first or alone; each accept is
 * credited once. The grant row is locked first, so a report and an event racing pair correctly.
 */
@Injectable()
export class SubscriptionLedger {
  constructor(
    private readonly grants: SubscriptionGrantsRepository,
    private readonly clock: Clock,
  ) {}

  async reported(m: EntityManager, memberId: number, templateId: number, answer: SubscribeAnswer): Promise<void> {
    if (answer !== 'accept') return;
    const now = this.clock.now();
    await this.grants.lockGrant(m, memberId, templateId, now);
    const confirmed = await this.grants.unpairedAccept(m, memberId, templateId, 'report', this.windowStart(now));
    if (confirmed !== null) return this.grants.markAccept(m, confirmed, 'reported_at', now);
    await this.grants.recordAccept(m, { memberId, templateId, reportedAt: now, confirmedAt: null, rejectedAt: null, createdAt: now });
    await this.grants.addAccept(m, memberId, templateId, now, true);
  }

  async popup(m: EntityManager, memberId: number, templateId: number, status: 'accept' | 'reject'): Promise<void> {
    const now = this.clock.now();
    await this.grants.lockGrant(m, memberId, templateId, now);
    const reported = await this.grants.unpairedAccept(m, memberId, templateId, 'confirmation', this.windowStart(now));
    if (status === 'reject') {
      // WeChat says no where the client said yes: the provisional send goes.
      if (reported === null) return;
      await this.grants.markAccept(m, reported, 'rejected_at', now);
      return this.grants.withdrawAccept(m, memberId, templateId, now);
    }
    if (reported !== null) {
      await this.grants.markAccept(m, reported, 'confirmed_at', now);
      return this.grants.confirmAccept(m, memberId, templateId, now);
    }
    await this.grants.recordAccept(m, { memberId, templateId, reportedAt: null, confirmedAt: now, rejectedAt: null, createdAt: now });
    await this.grants.addAccept(m, memberId, templateId, now, false);
  }

  /** The member changed the template in WeChat's settings: off zeroes what is left; on again adds nothing (each send still needs an accept). */
  async changed(m: EntityManager, memberId: number, templateId: number, status: 'accept' | 'reject'): Promise<void> {
    const now = this.clock.now();
    await this.grants.lockGrant(m, memberId, templateId, now);
    if (status === 'reject') await this.grants.zero(m, memberId, templateId, now, 'off');
    else await this.grants.setStatus(m, memberId, templateId, 'active', now);
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - ACCEPT_PAIRING_WINDOW_MS);
  }
}
