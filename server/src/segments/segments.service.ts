import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page, SegmentFieldInfo, SegmentMemberRow, SegmentPreview, SegmentView, StaffRole } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { sqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { StoreScope } from '../stores/store-scope';
import { MessageTemplatesService } from '../subscriptions/message-templates.service';
import { TagsService } from '../tags/tags.service';
import { TiersService } from '../tiers/tiers.service';
import { TagsRepository } from '../tags/tags.repository';
import { ruleTagBit } from '../tags/rule-tags';
import { Segment } from './entities/segment.entity';
import { checkSegmentRules, compileSegment, SegmentContext } from './segment-compiler';
import { SEGMENT_FIELDS } from './segment-fields';
import { segmentNotFound } from './segments.errors';
import { SegmentQuery, SegmentsRepository } from './segments.repository';

const SAMPLE = 20;

/** Segment reads: the field registry, previews and member pages, always within the stores the staff member sees. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly segments: SegmentsRepository,
    private readonly tags: TagsRepository,
    private readonly tagReads: TagsService,
    private readonly tiers: TiersService,
    private readonly scope: StoreScope,
    private readonly calendar: BusinessCalendar,
    private readonly templates: MessageTemplatesService,
  ) {}

  async fields(): Promise<SegmentFieldInfo[]> {
    const [tiers, allStores, templates] = await Promise.all([this.tiers.all(), this.scope.stores(), this.templates.records()]);
    const stores = [...allStores.values()].filter((s) => s.kind === 'store');
    return Object.entries(SEGMENT_FIELDS).map(([name, spec]) => ({
      name,
      label: spec.label,
      type: spec.type,
      operators: [...spec.operators],
      ...(spec.min !== undefined ? { min: spec.min, max: spec.max } : {}),
      ...(spec.unit ? { unit: spec.unit } : {}),
      ...(spec.enumSource === 'tiers' ? { values: tiers.map((t) => ({ value: t.code, label: t.name })) } : {}),
      ...(spec.enumSource === 'stores' ? { values: stores.map((s) => ({ value: s.code, label: s.name })) } : {}),
      ...(spec.enumSource === 'months' ? { values: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` })) } : {}),
      ...(spec.enumSource === 'templates' ? { values: templates.map((t) => ({ value: t.id, label: t.title })) } : {}),
    }));
  }

  async context(): Promise<SegmentContext> {
    const [tiers, stores, tags, templates] = await Promise.all([this.tiers.all(), this.scope.stores(), this.tx.read((m) => this.tags.ruleKeysById(m)), this.templates.records()]);
    return {
      today: this.calendar.today(),
      timeZone: this.calendar.timeZone,
      tierIdByCode: new Map(tiers.map((t) => [t.code, t.id])),
      storeIdByCode: new Map([...stores.values()].map((s) => [s.code, s.id])),
      tagIds: new Set(tags.keys()),
      ruleTagBits: new Map([...tags].flatMap(([id, key]) => (key && ruleTagBit(key) ? [[id, ruleTagBit(key)] as [number, number]] : []))),
      templateIds: new Set(templates.map((t) => t.id)),
    };
  }

  /** Checks and compiles a tree from the client, scoped to the staff member's stores. */
  async query(staff: StaffPrincipal, rules: unknown): Promise<SegmentQuery> {
    const checked = checkSegmentRules(rules, await this.context());
    return { compiled: compileSegment(checked, (at) => sqlDate(this.dataSource.manager, at)), storeIds: await this.tagReads.visibleStoreIds(staff) };
  }

  /** A saved tree over every store: what an HQ campaign sends to, with no staff member at hand (a scheduled send). */
  async queryAllStores(rules: unknown): Promise<SegmentQuery> {
    const checked = checkSegmentRules(rules, await this.context());
    return { compiled: compileSegment(checked, (at) => sqlDate(this.dataSource.manager, at)), storeIds: 'all' };
  }

  async preview(staff: StaffPrincipal, rules: unknown): Promise<SegmentPreview> {
    const q = await this.query(staff, rules);
    const [split, sample, tiers, stores] = await Promise.all([
      this.tx.read((m) => this.segments.countByTierAndStore(m, q)),
      this.tx.read((m) => this.segments.membersAfter(m, q, 0, SAMPLE)),
      this.tiers.all(),
      this.scope.stores(),
    ]);
    const tierById = new Map(tiers.map((t) => [t.id, t]));
    const byTier = new Map<number, number>();
    const byStore = new Map<number | null, number>();
    for (const row of split) {
      byTier.set(row.tierId, (byTier.get(row.tierId) ?? 0) + row.count);
      byStore.set(row.storeId, (byStore.get(row.storeId) ?? 0) + row.count);
    }
    return {
      count: split.reduce((sum, r) => sum + r.count, 0),
      sample: sample.map((r) => this.row(r, tierById)),
      byTier: [...byTier].map(([id, count]) => ({ tierCode: tierById.get(id)?.code ?? String(id), tierName: tierById.get(id)?.name ?? String(id), count })).sort((a, b) => b.count - a.count),
      byStore: [...byStore].map(([id, count]) => ({ storeId: id, storeName: id === null ? '未知门店' : (stores.get(id)?.name ?? String(id)), count })).sort((a, b) => b.count - a.count),
    };
  }

  async list(staff: StaffPrincipal): Promise<SegmentView[]> {
    const visible = await this.tagReads.visibleStoreIds(staff);
    return (await this.tx.read((m) => this.segments.list(m, visible))).map(segmentView);
  }

  async get(staff: StaffPrincipal, id: number): Promise<Segment> {
    const segment = await this.tx.read((m) => this.segments.byId(m, id));
    if (!segment) throw segmentNotFound(id);
    if (segment.ownerStoreId !== null && staff.role !== StaffRole.HQ_ADMIN && !(await this.scope.covers(staff, segment.ownerStoreId))) throw segmentNotFound(id);
    return segment;
  }

  async members(staff: StaffPrincipal, id: number, cursor: string | undefined, limit: number): Promise<Page<SegmentMemberRow>> {
    const segment = await this.get(staff, id);
    const q = await this.query(staff, JSON.parse(segment.rulesJson) as unknown);
    const afterId = cursor ? Number(cursor) || 0 : 0;
    const rows = await this.tx.read((m) => this.segments.membersAfter(m, q, afterId, limit + 1));
    const tierById = new Map((await this.tiers.all()).map((t) => [t.id, t]));
    const page = rows.slice(0, limit);
    return { items: page.map((r) => this.row(r, tierById)), nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null };
  }

  /** Member ids of a query a page at a time, for bulk tagging. */
  async *memberIdPages(q: SegmentQuery, size = 1000): AsyncIterable<number[]> {
    for (let afterId = 0; ; ) {
      const ids = await this.tx.read((m) => this.segments.memberIdsAfter(m, q, afterId, size));
      if (ids.length === 0) return;
      yield ids;
      afterId = ids[ids.length - 1] ?? afterId;
    }
  }

  private row(r: { id: number; cardNo: string; nickname: string | null; tierId: number; points: number; joinStoreId: number | null }, tierById: Map<number, { code: string }>): SegmentMemberRow {
    return { id: r.id, cardNo: r.cardNo, nickname: r.nickname, tierCode: tierById.get(r.tierId)?.code ?? String(r.tierId), points: r.points, joinStoreId: r.joinStoreId };
  }
}

export function segmentView(s: Segment): SegmentView {
  return { id: s.id, name: s.name, description: s.description, rules: JSON.parse(s.rulesJson) as SegmentView['rules'], ownerStoreId: s.ownerStoreId, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}
