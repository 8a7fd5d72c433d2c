import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { SubscriptionGrantsRepository } from './subscription-grants.repository';

/**
 * The member's sends left per template, for the code that sends. Every method works inside the
 * caller's transaction, so a claim commits with its decrement and a settlement with its refund.
 */
@Injectable()
export class SubscriptionQuota {
  constructor(
    private readonly grants: SubscriptionGrantsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes one send each (the conditional decrement) for a batch of one template's members, in one
   * locked read and one write: false where none is left, and nothing changes there; a member may appear twice.
   */
  take(manager: EntityManager, templateId: number, memberIds: number[]): Promise<boolean[]> {
    return this.grants.take(manager, templateId, memberIds, this.clock.now());
  }

  /** A send that failed for any reason but 43101 did not use the member's accept: it is theirs again. */
  async giveBack(manager: EntityManager, memberId: number, templateId: number): Promise<void> {
    await this.grants.giveBack(manager, memberId, templateId, this.clock.now());
  }

  /** WeChat answered 43101 (refused, or no grant left): our count was wrong, so it is zero until they accept again. */
  async zero(manager: EntityManager, memberId: number, templateId: number): Promise<void> {
    await this.grants.zero(manager, memberId, templateId, this.clock.now());
  }

  /** Adds sends directly (data migrated from another system); accepts from the mini-program go through the ledger. */
  async credit(manager: EntityManager, memberId: number, templateId: number, count = 1): Promise<void> {
    await this.grants.credit(manager, memberId, templateId, count, this.clock.now());
  }

  async remaining(manager: EntityManager, memberId: number, templateId: number): Promise<number> {
    return (await this.grants.grant(manager, memberId, templateId))?.remaining ?? 0;
  }

  /** Of these members, those with a send of the template left: the reachable part of an audience. */
  membersWithQuota(manager: EntityManager, templateId: number, memberIds: number[]): Promise<Set<number>> {
    return this.grants.membersWithQuota(manager, templateId, memberIds);
  }
}
