import { Injectable } from '@nestjs/common';
import { CreateTagRequest, StaffRole, TagKind, TagRuleSettings, TagView, UpdateTagRequest } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { ProgrammeService } from '../../programme/programme.service';
import { StoreScope } from '../../stores/store-scope';
import { Tag } from '../entities/tag.entity';
import { MemberStatsRepository } from '../member-stats.repository';
import { MemberStatsService, TAG_RULES_KEY } from '../member-stats.service';
import { ruleTagReadOnly, tagNameTaken, tagNotFound, tagOfAnotherOwner } from '../tags.errors';
import { memberNotFound } from '../../common/errors/member-not-found';
import { TagsRepository } from '../tags.repository';
import { TagsService } from '../tags.service';
import { invalidField } from '../../common/errors/invalid-field';

export type TaggingAction = 'add' | 'remove';

/** Staff's writes to tags: manual tags, who carries them (one member or a whole segment), HQ's thresholds. Each is audited. */
@Injectable()
export class ManageTagsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tags: TagsRepository,
    private readonly reads: TagsService,
    private readonly stats: MemberStatsRepository,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    private readonly programme: ProgrammeService,
    private readonly memberStats: MemberStatsService,
  ) {}

  async create(staff: StaffPrincipal, request: CreateTagRequest, requestId: string): Promise<TagView> {
    // A store's tags belong to the store; HQ's to everyone.
    const ownerStoreId = staff.role === StaffRole.HQ_ADMIN ? 0 : staff.storeId;
    try {
      const id = await this.tx.run(async (m) => {
        const id = await this.tags.create(m, { name: request.name.trim(), kind: TagKind.MANUAL, ruleKey: null, colour: request.colour ?? 'blue', description: request.description ?? null, ownerStoreId, createdAt: this.clock.now() });
        await this.audit.record(m, { staff, requestId }, { action: 'tag.create', targetType: 'tag', targetId: id, summary: `新建标签 ${request.name}` });
        return id;
      });
      return this.view(id);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw tagNameTaken(request.name);
      throw error;
    }
  }

  async update(staff: StaffPrincipal, id: number, request: UpdateTagRequest, requestId: string): Promise<TagView> {
    try {
      await this.tx.run(async (m) => {
        const tag = await this.writable(m, staff, id);
        const after = { name: request.name?.trim() ?? tag.name, colour: request.colour ?? tag.colour, description: request.description === undefined ? tag.description : request.description };
        await this.tags.update(m, id, after);
        await this.audit.record(m, { staff, requestId }, { action: 'tag.update', targetType: 'tag', targetId: id, summary: `修改标签 ${tag.name}`, before: { name: tag.name, colour: tag.colour, description: tag.description }, after });
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw tagNameTaken(request.name ?? '');
      throw error;
    }
    return this.view(id);
  }

  async remove(staff: StaffPrincipal, id: number, requestId: string): Promise<void> {
    await this.tx.run(async (m) => {
      const tag = await this.writable(m, staff, id);
      await this.tags.delete(m, id);
      await this.audit.record(m, { staff, requestId }, { action: 'tag.delete', targetType: 'tag', targetId: id, summary: `删除标签 ${tag.name}` });
    });
  }

  /** One member, at the counter or on the 360 page. */
  async tagMember(staff: StaffPrincipal, memberId: number, tagId: number, action: TaggingAction, requestId: string): Promise<{ changed: boolean }> {
    const member = await this.tx.read((m) => this.stats.memberStore(m, memberId));
    if (!member) throw memberNotFound(memberId);
    await this.scope.assertCovers(staff, member.joinStoreId, 'This member (joined at another store)');
    return this.tx.run(async (m) => {
      const tag = await this.reads.givableTag(m, staff, tagId);
      const n = action === 'add' ? await this.tags.addMembers(m, tagId, [memberId], this.clock.now()) : await this.tags.removeMembers(m, tagId, [memberId]);
      if (n > 0) {
        await this.audit.record(m, { staff, requestId }, { action: action === 'add' ? 'tag.member_add' : 'tag.member_remove', targetType: 'member', targetId: memberId, summary: `${action === 'add' ? '打上' : '移除'}标签 ${tag.name}` });
      }
      return { changed: n > 0 };
    });
  }

  async updateRuleSettings(staff: StaffPrincipal, changes: Partial<TagRuleSettings>, requestId: string): Promise<TagRuleSettings> {
    const before = (await this.memberStats.ruleContext()).rules;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<TagRuleSettings>;
    const after = { ...before, ...given };
    if (after.lostDays <= after.dormantDays) throw invalidField('lostDays', `must be more than dormantDays (${after.dormantDays}), not ${after.lostDays}`, { field: 'lostDays' });
    await this.tx.run(async (m) => {
      await this.programme.set(m, TAG_RULES_KEY, after);
      await this.audit.record(m, { staff, requestId }, { action: 'tag.rules_update', targetType: 'programme', targetId: TAG_RULES_KEY, summary: '修改规则标签阈值', before, after });
    });
    return after;
  }

  private async view(id: number): Promise<TagView> {
    const rows = await this.tx.read((m) => this.tags.list(m, { hq: true, storeIds: 'all' }));
    const found = rows.find((t) => t.id === id);
    if (!found) throw tagNotFound(id);
    return found;
  }

  /** A manual tag the staff member may change: HQ's for HQ, a store's for those covering it. */
  private async writable(m: EntityManager, staff: StaffPrincipal, id: number): Promise<Tag> {
    const tag = await this.tags.byId(m, id);
    if (!tag) throw tagNotFound(id);
    if (tag.kind === TagKind.RULE) throw ruleTagReadOnly(tag.name);
    if (tag.ownerStoreId === 0 ? staff.role !== StaffRole.HQ_ADMIN : !(await this.scope.covers(staff, tag.ownerStoreId))) {
      throw tagOfAnotherOwner(tag.name, tag.ownerStoreId === 0);
    }
    return tag;
  }

}
