import { Injectable } from '@nestjs/common';
import { CountedPage, CouponSettings, CouponTemplateQuery, CouponTemplateSort, CouponTemplate as CouponTemplateView, CouponTemplateRequest, StaffRole } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { Store } from '../stores/entities/store.entity';
import { StoreScope } from '../stores/store-scope';
import { StoresService } from '../stores/stores.service';
import { termsProblem } from './coupon-rules';
import { CouponSettingsService } from './coupon-settings';
import { CouponViews } from './coupon-views';
import { couponTemplateNotFound } from './coupons.errors';
import { CouponsRepository, TemplateFilter } from './coupons.repository';
import { CouponTemplate } from './entities/coupon-template.entity';
import { invalidField } from '../common/errors/invalid-field';
import { hqTemplateEditedByHq, storeTemplateEverywhere, storeTemplatesNotAllowed, templateInvalid, templateStoresUnknown } from './coupons.errors';

/** HQ edits coupon templates; store managers edit their own store's when HQ allows it. */
@Injectable()
export class CouponTemplatesService {
  constructor(
    private readonly repository: CouponsRepository,
    private readonly stores: StoresService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly scope: StoreScope,
    private readonly views: CouponViews,
    private readonly settings: CouponSettingsService,
    private readonly audit: AuditTrail,
  ) {}

  /** HQ sees every template; store staff see HQ's and their own store's. Paged by offset (the cursor). */
  async list(staff: StaffPrincipal, query: CouponTemplateQuery): Promise<CountedPage<CouponTemplateView>> {
    const filter: TemplateFilter = {
      titleLike: query.q?.trim() || undefined,
      kind: query.kind,
      active: query.status === undefined ? undefined : query.status === 'active',
      owner: query.owner === 'hq' ? null : query.owner === 'store' ? (staff.role === StaffRole.HQ_ADMIN ? 'any-store' : staff.storeId) : undefined,
      visibleToStoreId: staff.role === StaffRole.HQ_ADMIN ? undefined : staff.storeId,
    };
    const offset = query.cursor ? Number(query.cursor) : 0;
    const { rows, total } = await this.repository.templatePage(filter, query.sort ?? CouponTemplateSort.NEWEST, offset, query.limit ?? 20);
    const counts = await this.repository.issuedCounts(rows.map((t) => t.id));
    const items = await Promise.all(rows.map((t) => this.views.template(t, counts.get(t.id) ?? 0)));
    const next = offset + rows.length;
    return { items, total, nextCursor: next < total ? String(next) : null };
  }

  async create(staff: StaffPrincipal | null, request: CouponTemplateRequest, requestId?: string): Promise<CouponTemplateView> {
    const ownerStoreId = await this.ownerFor(staff, request);
    const values = await this.values(request);
    const now = this.clock.now();
    const template = await this.tx.run(async (m) => {
      const saved = await this.repository.insertTemplate(m, { ...values, ownerStoreId, issuedCount: 0, createdAt: now, updatedAt: now });
      await this.audit.record(m, { staff, requestId }, { action: 'coupon_template.create', targetType: 'coupon_template', targetId: saved.id, summary: `新建券模板 ${saved.title}`, after: values });
      return saved;
    });
    return this.views.template(template, 0);
  }

  async update(staff: StaffPrincipal, id: number, request: CouponTemplateRequest, requestId: string): Promise<CouponTemplateView> {
    const values = await this.values(request);
    const template = await this.tx.run(async (m) => {
      const before = await this.repository.template(id, m);
      if (!before) throw couponTemplateNotFound(id);
      if (staff.role !== StaffRole.HQ_ADMIN) {
        if (before.ownerStoreId === null) throw hqTemplateEditedByHq();
        await this.ownerFor(staff, request);
        await this.scope.assertCovers(staff, before.ownerStoreId, `Coupon template "${before.title}"`);
      }
      // A template that gets a cap starts counting from the coupons it already gave.
      const issued = before.totalStock !== null ? before.issuedCount : ((await this.repository.issuedCounts([id])).get(id) ?? 0);
      if (values.totalStock !== null && values.totalStock < issued) throw invalidField('totalStock', `${issued} have been issued already`);
      const updated = await this.repository.updateTemplate(m, id, { ...values, issuedCount: issued, updatedAt: this.clock.now() });
      await this.audit.record(m, { staff, requestId }, { action: 'coupon_template.update', targetType: 'coupon_template', targetId: id, summary: `修改券模板 ${values.title}`, before, after: values });
      return updated;
    });
    return this.views.template(template, (await this.repository.issuedCounts([id])).get(id) ?? 0);
  }

  async updateSettings(staff: StaffPrincipal, settings: CouponSettings, requestId: string): Promise<CouponSettings> {
    await this.tx.run(async (m) => {
      await this.settings.set(m, settings);
      await this.audit.record(m, { staff, requestId }, { action: 'coupon_settings.update', targetType: 'programme', targetId: 'coupons', summary: '修改券规则', after: settings });
    });
    return this.settings.get();
  }

  /** A store manager's template belongs to their store and may only be valid there. */
  private async ownerFor(staff: StaffPrincipal | null, request: CouponTemplateRequest): Promise<number | null> {
    if (!staff || staff.role === StaffRole.HQ_ADMIN) return null;
    if (!(await this.settings.get()).managersMayCreateTemplates) throw storeTemplatesNotAllowed();
    if (request.storeScope === 'all') throw storeTemplateEverywhere();
    for (const code of request.storeScope === 'listed' ? (request.storeCodes ?? []) : []) {
      const store = await this.stores.byCode(code);
      await this.scope.assertCovers(staff, store?.id ?? null, `Store ${code}`);
    }
    return staff.storeId;
  }

  private async values(request: CouponTemplateRequest): Promise<Omit<CouponTemplate, 'id' | 'ownerStoreId' | 'issuedCount' | 'createdAt' | 'updatedAt'>> {
    const terms = {
      kind: request.kind,
      amountCents: request.kind === 'cash' ? (request.amountCents ?? null) : null,
      minSpendCents: request.kind === 'cash' ? (request.minSpendCents ?? null) : null,
      ratePercent: request.kind === 'discount' ? (request.ratePercent ?? null) : null,
      capCents: request.kind === 'discount' ? (request.capCents ?? null) : null,
      giftDescription: request.kind === 'gift' ? (request.giftDescription ?? null) : null,
    };
    const problem = termsProblem(terms);
    if (problem) throw templateInvalid(problem);
    const v = request.validity;
    if (v.kind === 'fixed' && Date.parse(v.until) <= Date.parse(v.from)) throw invalidField('validity.until', 'must be after validity.from');
    return {
      title: request.title,
      ...terms,
      validityKind: v.kind,
      validFrom: v.kind === 'fixed' ? new Date(v.from) : null,
      validUntil: v.kind === 'fixed' ? new Date(v.until) : null,
      validDays: v.kind === 'relative' ? v.days : null,
      startsNextDay: v.kind === 'relative' ? v.startsNextDay : false,
      storeScope: request.storeScope,
      storeIdsJson: JSON.stringify(await this.listedStoreIds(request)),
      totalStock: request.totalStock ?? null,
      perMemberLimit: request.perMemberLimit ?? null,
      perMemberDailyLimit: request.perMemberDailyLimit ?? null,
      minTierRank: request.minTierRank ?? null,
      usageNotes: request.usageNotes ?? '',
      active: request.active ?? true,
    };
  }

  private async listedStoreIds(request: CouponTemplateRequest): Promise<number[]> {
    if (request.storeScope !== 'listed') return [];
    const codes = request.storeCodes ?? [];
    if (codes.length === 0) throw invalidField('storeCodes', "list the stores (or regions) for storeScope 'listed'");
    const stores = await this.stores.byCodes(codes);
    const missing = codes.filter((c) => !stores.some((s) => s.code === c));
    if (missing.length) throw templateStoresUnknown(missing);
    return codes.map((c) => (stores.find((s) => s.code === c) as Store).id);
  }
}
