import { Injectable } from '@nestjs/common';
import { TagRuleSettings } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays, daysBetween } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { StoreScope } from '../stores/store-scope';
import { computeMemberStats, MemberStatsEvent, withEvent } from './member-stats-rules';
import { MemberStatsRepository } from './member-stats.repository';
import { DEFAULT_TAG_RULES, joinStoreTagKey, RfmCuts, RULE_TAGS, ruleTagKeys, ruleTagMask } from './rule-tags';
import { TagsRepository } from './tags.repository';

export const TAG_RULES_KEY = 'tags.rules';
export const RFM_CUTS_KEY = 'tags.rfm_cuts';

export interface RuleTagChanges {
  added: Array<[tagId: number, memberId: number]>;
  removed: Array<[tagId: number, memberId: number]>;
}

/**
 * Keeps `member_stats` and the members' rule tags true. Purchases, check-ins and coupon verifications
 * call `record` inside their own transaction, so the stats and tags commit with the event; refunds
 * and joins `refresh` (a recount); the nightly job refreshes id batches as the windows slide.
 */
@Injectable()
export class MemberStatsService {
  constructor(
    private readonly stats: MemberStatsRepository,
    private readonly tags: TagsRepository,
    private readonly programme: ProgrammeService,
    private readonly stores: StoreScope,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly events: DomainEvents,
  ) {}

  /**
   * An event of today on the hot path: a row counted today takes it by arithmetic (one locked read,
   * one UPDATE), and the tags are touched only when the event moves the member's rule tags. A row
   * counted on an earlier day, or none, is recounted. Call it after the member row is locked (the
   * account's credit or visit): the nightly job locks members before their stats too.
   */
  async record(m: EntityManager, memberId: number, event: MemberStatsEvent): Promise<RuleTagChanges> {
    const now = this.clock.now();
    const tz = this.calendar.timeZone;
    const today = this.calendar.dateOf(now);
    const counted = await this.stats.countedOf(m, memberId);
    const next = counted && withEvent(counted.stats, event, today, tz);
    if (!counted || !next) return this.refreshMembers(m, [memberId]);
    await this.stats.update(m, next);
    const { rules, cuts } = await this.ruleContext();
    const before = ruleTagKeys({ ...counted.facts, stats: counted.stats }, rules, cuts, today, tz);
    const after = ruleTagKeys({ ...counted.facts, stats: next }, rules, cuts, today, tz);
    // Tags the member should have kept are not re-read: thresholds edited since the morning wait for the nightly job, as for every member without an event.
    if (before.length === after.length && before.every((k) => after.includes(k))) return { added: [], removed: [] };
    return this.syncRuleTags(m, [memberId], [{ memberId, keys: after }], now);
  }

  /** A recount of one member (a refund takes a purchase back from any window; a join starts the row). */
  async refresh(m: EntityManager, memberId: number): Promise<RuleTagChanges> {
    return this.refreshMembers(m, [memberId]);
  }

  async refreshMembers(m: EntityManager, memberIds: number[], context?: { rules: TagRuleSettings; cuts: RfmCuts | null }): Promise<RuleTagChanges> {
    const now = this.clock.now();
    const tz = this.calendar.timeZone;
    const today = this.calendar.dateOf(now);
    const { rules, cuts } = context ?? (await this.ruleContext());
    const activity = await this.stats.activityOf(m, memberIds, this.calendar.startOfDay(addDays(today, -364)));
    const computed = activity.map((a) => ({ facts: a, stats: computeMemberStats(a, today, tz) }));
    await this.stats.upsert(m, computed.map((c) => ({ ...c.stats, tierId: c.facts.tierId, joinStoreId: c.facts.joinStoreId })));

    const wanted = computed.map((c) => ({ memberId: c.facts.memberId, keys: ruleTagKeys({ ...c.facts, stats: c.stats }, rules, cuts, today, tz) }));
    return this.syncRuleTags(m, memberIds, wanted, now);
  }

  /** Keeps the row's copy of the tier true: the caller moved these members to `tierId` in this transaction. */
  async tierMoved(m: EntityManager, memberIds: number[], tierId: number): Promise<void> {
    await this.stats.moveTier(m, memberIds, tierId);
  }

  /** The member left (erased): the stats row goes with the membership, in the same transaction. */
  async memberLeft(m: EntityManager, memberId: number): Promise<void> {
    await this.stats.remove(m, memberId);
  }

  /** Gives the members exactly the rule tags wanted (none to those not wanted: members who left), publishing what changed. */
  private async syncRuleTags(m: EntityManager, memberIds: number[], wanted: Array<{ memberId: number; keys: string[] }>, now: Date): Promise<RuleTagChanges> {
    const tagIds = await this.ruleTagIds(m, new Set(wanted.flatMap((w) => w.keys)), now);
    const want = new Set(wanted.flatMap((w) => w.keys.map((k) => `${tagIds.get(k)}:${w.memberId}`)));
    const current = await this.tags.ruleTagsOf(m, memberIds);
    const have = new Set(current.map(([t, id]) => `${t}:${id}`));
    const added: Array<[number, number]> = [];
    for (const pair of want) if (!have.has(pair)) added.push(pair.split(':').map(Number) as [number, number]);
    const removed = current.filter(([t, id]) => !want.has(`${t}:${id}`));
    await this.tags.addPairs(m, added, now);
    await this.tags.removePairs(m, removed);
    const changed = new Set([...added, ...removed].map(([, memberId]) => memberId));
    if (changed.size) {
      const keysOf = new Map(wanted.map((w) => [w.memberId, w.keys]));
      await this.tags.copyRuleTagMasks(m, [...changed].map((id) => [id, ruleTagMask(keysOf.get(id) ?? [])]));
    }
    await this.publish(m, 'tag.added', added);
    await this.publish(m, 'tag.removed', removed);
    return { added, removed };
  }

  /**
   * One event per tag with its members, in the transaction (the outbox). Only once something listens
   * (the automations feature): an event nobody handles would only fail in the queue.
   */
  private async publish(m: EntityManager, event: 'tag.added' | 'tag.removed', pairs: Array<[number, number]>): Promise<void> {
    if (pairs.length === 0 || !this.events.handles(event)) return;
    const byTag = new Map<number, number[]>();
    for (const [tagId, memberId] of pairs) byTag.set(tagId, [...(byTag.get(tagId) ?? []), memberId]);
    for (const [tagId, memberIds] of byTag) await this.events.publish(m, event, { tagId, memberIds });
  }

  /** Thresholds (HQ's) and the RFM cut points the nightly job last measured. */
  async ruleContext(): Promise<{ rules: TagRuleSettings; cuts: RfmCuts | null }> {
    const rules = await this.programme.get(TAG_RULES_KEY, DEFAULT_TAG_RULES);
    const cuts = await this.programme.get<RfmCuts | { recencyDays?: undefined }>(RFM_CUTS_KEY, {});
    return { rules, cuts: cuts.recencyDays ? (cuts as RfmCuts) : null };
  }

  /** Measures the RFM quintiles over everyone who bought in 12 months and stores them for the day. */
  async measureRfmCuts(m: EntityManager): Promise<RfmCuts | null> {
    const today = this.calendar.today();
    const q = await this.stats.rfmQuintiles(m, this.calendar.startOfDay(addDays(today, -364)));
    if (q.population === 0) return null;
    const cuts: RfmCuts = { recencyDays: q.recency.map((d) => daysBetween(this.calendar.dateOf(d), today)), frequency: q.frequency, monetaryCents: q.monetary };
    await this.programme.set(m, RFM_CUTS_KEY, cuts);
    return cuts;
  }

  /** Rule tags are never deleted and their keys are unique, so an id once read stays true in every instance. */
  private readonly knownTagIds = new Map<string, number>();

  private async ruleTagIds(m: EntityManager, keys: Set<string>, now: Date): Promise<Map<string, number>> {
    const unknown = [...keys].filter((k) => !this.knownTagIds.has(k));
    const found = unknown.length ? await this.tags.ruleTagIds(m, unknown) : new Map<string, number>();
    const known = new Map([...keys].flatMap((k) => {
      const id = this.knownTagIds.get(k) ?? found.get(k);
      return id === undefined ? [] : [[k, id] as [string, number]];
    }));
    const missing = [...keys].filter((k) => !known.has(k));
    if (missing.length === 0) return this.remember(known);
    const stores = await this.stores.stores();
    const defs = missing.map((key) => {
      const fixed = RULE_TAGS.find((d) => d.key === key);
      if (fixed) return fixed;
      const storeId = Number(key.split('.')[1]);
      const name = stores.get(storeId)?.name ?? `门店 ${storeId}`;
      return { key: joinStoreTagKey(storeId), name: `加入门店·${name}`.slice(0, 32), colour: 'geekblue', description: `在${name}入会的会员` };
    });
    const created = await this.tags.ensureRuleTags(m, defs, now);
    // Not remembered yet: the transaction that created them may still roll back.
    return new Map([...this.remember(known), ...created]);
  }

  private remember(ids: Map<string, number>): Map<string, number> {
    for (const [key, id] of ids) this.knownTagIds.set(key, id);
    return ids;
  }
}
