import { Injectable } from '@nestjs/common';
import { EarningRules, LedgerEntryType } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { GrowthResult, GrowthSource, MemberAccountRepository } from '../members/member-accounts.repository';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_EARNING_RULES } from '../programme/programme-settings';
import { PointsLedgerEntry } from './entities/points-ledger-entry.entity';
import { PointsRepository } from './points.repository';
import { allocateFifo, LotBalance, lotExpiry } from './points-rules';
import { pointsInsufficient } from './points.errors';

/** Open lots a debit reads at a time; a spend larger than a page holds reads the next. */
const LOTS_PER_READ = 20;

export interface PostingSource {
  memberId: number;
  sourceType: string;
  sourceId?: string | null;
  storeId?: number | null;
  staffId?: number | null;
  /** Plain zh-CN the member reads in their ledger. */
  reason: string;
  dedupeKey?: string | null;
}

export interface Posting {
  entryId: number;
  balance: number;
  points: number;
}

export interface CreditPosting extends Posting {
  /** Growth and tier after the credit, an upgrade included. */
  growth: GrowthResult;
}

export interface DebitPosting extends Posting {
  /** Points asked for but not there to take (only with allowShortfall). */
  shortfall: number;
}

/**
 * The only writer of points. Every change is a ledger entry, a balance change on the member row by
 * conditional update, and lot bookkeeping, inside the caller's transaction, so the member's balance
 * always equals the sum of their ledger and of their lots' remaining amounts.
 */
@Injectable()
export class PointsLedger {
  constructor(
    private readonly clock: Clock,
    private readonly programme: ProgrammeService,
    private readonly accounts: MemberAccountRepository,
    private readonly calendar: BusinessCalendar,
    private readonly repository: PointsRepository,
    private readonly events: DomainEvents,
  ) {}

  async earningRules(): Promise<EarningRules> {
    return this.programme.get('earning', DEFAULT_EARNING_RULES);
  }

  /** `growth` and `visitAt` ride on the member account's one UPDATE (a purchase, a check-in). */
  async credit(manager: EntityManager, type: LedgerEntryType, points: number, source: PostingSource, also: { growth?: { amount: number; source: GrowthSource }; visitAt?: Date } = {}): Promise<CreditPosting> {
    if (!Number.isInteger(points) || points <= 0) throw new Error(`credit needs a positive integer, got ${points}`);
    const now = this.clock.now();
    const account = await this.accounts.credit(manager, source.memberId, points, also);
    const entryId = await this.repository.insertEntry(manager, this.entry(type, points, account.balance, source, now));
    const rules = await this.earningRules();
    await this.repository.insertLot(manager, {
      memberId: source.memberId,
      ledgerId: entryId,
      amount: points,
      remaining: points,
      earnedAt: now,
      expiresAt: lotExpiry(rules.expiry, now, this.calendar.timeZone),
    });
    await this.events.publish(manager, 'points.changed', { memberId: source.memberId, entryId, delta: points, balance: account.balance, type, sourceType: source.sourceType, at: now.toISOString() });
    return { entryId, balance: account.balance, points, growth: account.growth };
  }

  /**
   * `credit` for many members in one transaction (a bulk import): the balances in one UPDATE, the
   * entries and their lots in multi-row INSERTs; one posting per member. Each posting needs its own dedupe key: the entries'
   * ids are read back by it.
   */
  async creditMany(manager: EntityManager, type: LedgerEntryType, postings: Array<{ points: number; source: PostingSource & { dedupeKey: string }; growth?: { amount: number; source: GrowthSource } }>): Promise<void> {
    if (postings.length === 0) return;
    for (const p of postings) if (!Number.isInteger(p.points) || p.points <= 0) throw new Error(`credit needs a positive integer, got ${p.points}`);
    const now = this.clock.now();
    const balances = await this.accounts.creditMany(manager, postings.map((p) => ({ memberId: p.source.memberId, points: p.points, growth: p.growth })));
    await this.repository.insertEntries(manager, postings.map((p) => this.entry(type, p.points, balances.get(p.source.memberId) as number, p.source, now)));
    const ids = await this.repository.entryIdsByDedupeKey(manager, postings.map((p) => p.source.dedupeKey));
    const expiresAt = lotExpiry((await this.earningRules()).expiry, now, this.calendar.timeZone);
    await this.repository.insertLots(manager, postings.map((p) => ({ memberId: p.source.memberId, ledgerId: ids.get(p.source.dedupeKey) as number, amount: p.points, remaining: p.points, earnedAt: now, expiresAt })));
    await this.events.publishMany(
      manager,
      'points.changed',
      postings.map((p) => ({ memberId: p.source.memberId, entryId: ids.get(p.source.dedupeKey) as number, delta: p.points, balance: balances.get(p.source.memberId) as number, type, sourceType: p.source.sourceType, at: now.toISOString() })),
    );
  }

  /**
   * Takes points, soonest-expiring lots first. Without allowShortfall a debit larger than the
   * balance is refused; with it (refunds of points already spent) it takes what is there.
   */
  async debit(
    manager: EntityManager,
    type: LedgerEntryType,
    points: number,
    source: PostingSource,
    options: { allowShortfall?: boolean; lotIds?: number[] } = {},
  ): Promise<DebitPosting> {
    if (!Number.isInteger(points) || points <= 0) throw new Error(`debit needs a positive integer, got ${points}`);
    let taken = points;
    if (!(await this.accounts.debit(manager, source.memberId, points))) {
      // A locking read: under REPEATABLE READ a plain SELECT could show a balance older than the row's.
      const balance = await this.balanceOf(manager, source.memberId, { lock: true });
      if (!options.allowShortfall) {
        throw pointsInsufficient(points, balance);
      }
      taken = balance;
      if (taken > 0) await this.accounts.debit(manager, source.memberId, taken);
    }
    const balance = await this.balanceOf(manager, source.memberId);
    const entryId = await this.repository.insertEntry(manager, this.entry(type, -taken, balance, source, this.clock.now()));
    if (taken > 0) {
      await this.consumeLots(manager, source.memberId, entryId, taken, options.lotIds);
      await this.events.publish(manager, 'points.changed', { memberId: source.memberId, entryId, delta: -taken, balance, type, sourceType: source.sourceType, at: this.clock.now().toISOString() });
    }
    return { entryId, balance, points: taken, shortfall: points - taken };
  }

  balanceOf(manager: EntityManager, memberId: number, options: { lock?: boolean } = {}): Promise<number> {
    return this.accounts.balanceOf(manager, memberId, options);
  }

  private async consumeLots(manager: EntityManager, memberId: number, entryId: number, amount: number, onlyLotIds?: number[]): Promise<void> {
    const lots: LotBalance[] = [];
    if (onlyLotIds) {
      lots.push(...(await this.repository.lotsByIds(manager, memberId, onlyLotIds)));
    } else {
      // Dated lots soonest first, then undated ones, a page at a time: a member with hundreds of
      // open lots reads only the few a spend takes.
      const held = () => lots.reduce((sum, l) => sum + l.remaining, 0);
      for (const dated of [true, false]) {
        for (let offset = 0; held() < amount; offset += LOTS_PER_READ) {
          const page = await this.repository.openLots(manager, memberId, dated, offset, LOTS_PER_READ);
          lots.push(...page);
          if (page.length < LOTS_PER_READ) break;
        }
      }
    }
    const allocations = allocateFifo(lots, amount);
    for (const a of allocations) {
      if (!(await this.repository.take(manager, a.lotId, a.amount))) throw new Error(`lot ${a.lotId} changed under a debit`);
    }
    await this.repository.insertLotUses(manager, allocations.map((a) => ({ ledgerId: entryId, lotId: a.lotId, amount: a.amount })));
  }

  private entry(type: LedgerEntryType, delta: number, balanceAfter: number, source: PostingSource, at: Date): Omit<PointsLedgerEntry, 'id'> {
    return {
      memberId: source.memberId,
      delta,
      balanceAfter,
      type,
      sourceType: source.sourceType,
      sourceId: source.sourceId ?? null,
      storeId: source.storeId ?? null,
      staffId: source.staffId ?? null,
      reason: source.reason.slice(0, 128),
      dedupeKey: source.dedupeKey ?? null,
      createdAt: at,
    };
  }
}
