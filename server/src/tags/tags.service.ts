import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RuleTagRefreshRun, StaffRole, TagKind, TagRuleSettings, TagView } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { ProgrammeService } from '../programme/programme.service';
import { StoreScope } from '../stores/store-scope';
import { MemberStatsService } from './member-stats.service';
import { LAST_REFRESH_KEY } from './rule-tag-refresh.job';
import { Tag } from './entities/tag.entity';
import { RULE_TAGS } from './rule-tags';
import { ruleTagReadOnly, tagNotFound } from './tags.errors';
import { TagsRepository } from './tags.repository';
import { Clock } from '../common/time/clock';

/** Reads of tags, scoped: HQ sees every tag, a store sees HQ's tags and those of the stores it covers. */
@Injectable()
export class TagsService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tags: TagsRepository,
    private readonly scope: StoreScope,
    private readonly memberStats: MemberStatsService,
    private readonly programme: ProgrammeService,
    private readonly clock: Clock,
  ) {}

  /** The fixed rule tags exist from the start, so segments and the console can name them before the first refresh. */
  async onApplicationBootstrap(): Promise<void> {
    await this.tx.run((m) => this.tags.ensureRuleTags(m, RULE_TAGS, this.clock.now()));
  }

  async list(staff: StaffPrincipal): Promise<TagView[]> {
    const storeIds = await this.visibleStoreIds(staff);
    return this.tx.read((m) => this.tags.list(m, { hq: true, storeIds }));
  }

  /** Store ids whose tags a staff member sees ('all' for HQ). */
  async visibleStoreIds(staff: StaffPrincipal): Promise<number[] | 'all'> {
    if (staff.role === StaffRole.HQ_ADMIN) return 'all';
    const stores = await this.scope.stores();
    const ids: number[] = [];
    for (const store of stores.values()) if (await this.scope.covers(staff, store.id)) ids.push(store.id);
    return ids;
  }

  /** A manual tag the staff member may give: HQ's, or one of a store they see. */
  async givableTag(m: EntityManager, staff: StaffPrincipal, id: number): Promise<Tag> {
    const tag = await this.tags.byId(m, id);
    if (!tag) throw tagNotFound(id);
    if (tag.kind === TagKind.RULE) throw ruleTagReadOnly(tag.name);
    const visible = await this.visibleStoreIds(staff);
    if (tag.ownerStoreId !== 0 && visible !== 'all' && !visible.includes(tag.ownerStoreId)) throw tagNotFound(id);
    return tag;
  }

  async ruleSettings(): Promise<TagRuleSettings> {
    return (await this.memberStats.ruleContext()).rules;
  }

  async lastRefresh(): Promise<RuleTagRefreshRun | null> {
    const run = await this.programme.get<Partial<RuleTagRefreshRun>>(LAST_REFRESH_KEY, {});
    return run.startedAt ? (run as RuleTagRefreshRun) : null;
  }
}
