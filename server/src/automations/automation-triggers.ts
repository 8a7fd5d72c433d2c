import { Injectable, OnModuleInit } from '@nestjs/common';
import { AutomationKind } from '@huiyuan/shared-types';
import { DomainEvents } from '../common/events/domain-events';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { AutomationEngine } from './automation-engine';
import { EVENT_FRESH_MS, growthToReturn } from './automation-rules';
import { AutomationsRepository } from './automations.repository';

/** Postings that are not news to the member: their own message says it (welcome, automations), or nothing happened at a counter. */
const QUIET_SOURCES = new Set(['welcome', 'automation', 'birthday', 'expiry']);

/** The automations that answer events: welcome, points changed, dormant win-back, tier up and down. */
@Injectable()
export class AutomationTriggers implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly engine: AutomationEngine,
    private readonly repository: AutomationsRepository,
    private readonly tx: TransactionRunner,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('member.joined', async ({ memberId, joinStoreId }) => {
      await this.fire(AutomationKind.WELCOME, [memberId], 'join', null, joinStoreId);
    });
    // Every ledger posting publishes this: with the automation off (the default) or a quiet source, it is not written at all.
    this.events.subscribe(
      'points.changed',
      async ({ memberId, entryId, sourceType, at }) => {
        if (QUIET_SOURCES.has(sourceType)) return;
        await this.fire(AutomationKind.POINTS_CHANGED, [memberId], `entry-${entryId}`, at);
      },
      { when: async ({ sourceType }, m) => !QUIET_SOURCES.has(sourceType) && (await this.engine.isSwitchedOn(m, AutomationKind.POINTS_CHANGED)) },
    );
    this.events.subscribe('tier.changed', async ({ memberId, direction, fromTierId, toTierId, at }) => {
      if (direction === 'up') return this.fire(AutomationKind.TIER_UP, [memberId], `tier-${toTierId}-${at}`, at);
      // What it takes to return: the growth still missing to the tier the member fell from.
      const path = await this.tx.read((m) => this.repository.returnPath(m, memberId, fromTierId));
      const values = path ? { returnTier: path.tierName, growthToReturn: String(growthToReturn(path.entryGrowth, path.growth)) } : undefined;
      await this.fire(AutomationKind.TIER_DOWN, [memberId], `tier-${toTierId}-${at}`, at, null, values);
    });
    this.events.subscribe('tag.added', async ({ tagId, memberIds }) => {
      if ((await this.tx.read((m) => this.repository.ruleTagKey(m, tagId))) !== 'lifecycle.dormant') return;
      await this.fire(AutomationKind.DORMANT_WIN_BACK, memberIds, `dormant-${this.calendar.today()}`, null);
    });
  }

  /** `at`: when the event happened; a queue that held it for more than a day records it as expired. */
  private async fire(kind: AutomationKind, memberIds: number[], key: string, at: string | null, storeId: number | null = null, values?: Record<string, string>): Promise<void> {
    const automation = await this.engine.enabled(kind);
    if (!automation) return;
    const stale = at !== null && this.clock.now().getTime() - Date.parse(at) > EVENT_FRESH_MS;
    await this.engine.answerAll(automation, memberIds.map((memberId) => ({ memberId, key, status: stale ? 'expired' : 'fired', storeId, values })));
  }
}
