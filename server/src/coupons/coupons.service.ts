import { Injectable } from '@nestjs/common';
import {
  CountedPage,
  CouponDetail,
  CouponSettlementReport,
  CouponStatus,
  Coupon as CouponView,
  CouponVerification as CouponVerificationView,
  CouponVerificationPreview,
  Page,
  StaffRole,
} from '@huiyuan/shared-types';
import bwipjs from 'bwip-js';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { MembersRepository } from '../members/members.repository';
import { StaffRepository } from '../staff/staff.repository';
import { StoreScope } from '../stores/store-scope';
import { StoresService } from '../stores/stores.service';
import { CouponViews, storeRef } from './coupon-views';
import { couponNotFound } from './coupons.errors';
import { CouponsRepository } from './coupons.repository';
import { Coupon } from './entities/coupon.entity';
import { CouponTemplate } from './entities/coupon-template.entity';
import { CouponVerification } from './entities/coupon-verification.entity';
import { ownStoreGone, verificationNotFound } from './coupons.errors';

const DAY_LIST_LIMIT = 100;

/** Reads: the member's wallet, the store's verifications, and the settlement report. */
@Injectable()
export class CouponsService {
  constructor(
    private readonly repository: CouponsRepository,
    private readonly members: MembersRepository,
    private readonly staff: StaffRepository,
    private readonly tx: TransactionRunner,
    private readonly views: CouponViews,
    private readonly scope: StoreScope,
    private readonly stores: StoresService,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  /** Newest first. An active coupon past its end counts as expired before the expiry job has marked it. */
  async wallet(memberId: number, status: CouponStatus, beforeId: number | undefined, limit: number): Promise<Page<CouponView>> {
    const now = this.clock.now();
    const rows = await this.repository.wallet(memberId, status, now, beforeId, limit + 1);
    const page = rows.slice(0, limit);
    return { items: await this.views.coupons(page, await this.templatesOf(page)), nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null };
  }

  async detail(memberId: number, couponId: number): Promise<CouponDetail> {
    const coupon = await this.repository.couponOf(memberId, couponId);
    if (!coupon) throw couponNotFound(`${couponId} in your wallet`);
    const template = await this.repository.template(coupon.templateId);
    if (!template) throw new Error(`coupon ${coupon.id} has no template ${coupon.templateId}`);
    const view = await this.views.coupon(coupon, template);
    if (view.status !== 'active') return view;
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: coupon.code, scale: 5, paddingwidth: 2, paddingheight: 2 });
    return { ...view, qrPng: `data:image/png;base64,${qr.toString('base64')}` };
  }

  async verification(id: number): Promise<CouponVerificationView> {
    const row = await this.repository.verification(id);
    if (!row) throw verificationNotFound(id);
    const [view] = await this.verificationViews([row]);
    return view as CouponVerificationView;
  }

  /** One store's verifications on one business day (default: the staff member's store, today). */
  async verificationsOfDay(staff: StaffPrincipal, storeCode: string | undefined, date: string | undefined, afterId: number | undefined): Promise<CountedPage<CouponVerificationView>> {
    const store = storeCode ? await this.stores.requireByCode(storeCode) : (await this.scope.stores()).get(staff.storeId);
    if (!store) throw ownStoreGone();
    await this.scope.assertCovers(staff, store.id, `Store ${store.code}`);
    const day = date ?? this.calendar.today();
    const [from, to] = [this.calendar.startOfDay(day), this.calendar.startOfDay(addDays(day, 1))];
    const [rows, total] = await Promise.all([this.repository.verificationsAt(store.id, from, to, afterId, DAY_LIST_LIMIT + 1), this.repository.countVerificationsAt(store.id, from, to)]);
    const page = rows.slice(0, DAY_LIST_LIMIT);
    return { items: await this.verificationViews(page), total, nextCursor: rows.length > DAY_LIST_LIMIT ? String(page[page.length - 1]?.id) : null };
  }

  /**
   * Coupons a store gave that were used at another store, per pair, for the stores to settle.
   * Mall coupons have no issuing store (HQ pays for them in points) and are left out.
   */
  async settlement(staff: StaffPrincipal, from: string, to: string): Promise<CouponSettlementReport> {
    const rows = await this.repository.usedAcrossStores(this.calendar.startOfDay(from), this.calendar.startOfDay(addDays(to, 1)));
    const stores = await this.scope.stores();
    const items = [];
    for (const r of rows) {
      const issued = stores.get(r.issuedStoreId);
      const used = stores.get(r.usedStoreId);
      if (!issued || !used) continue;
      const visible = staff.role === StaffRole.HQ_ADMIN || (await this.scope.covers(staff, issued.id)) || (await this.scope.covers(staff, used.id));
      if (visible) items.push({ issuedStore: storeRef(issued), usedStore: storeRef(used), count: r.count, cashOffCents: r.cashOffCents });
    }
    items.sort((a, b) => a.issuedStore.code.localeCompare(b.issuedStore.code) || a.usedStore.code.localeCompare(b.usedStore.code));
    return { from, to, items };
  }

  /** The view of a verification just made, from the rows the verifier already holds: no second look at them. */
  async freshVerification(row: CouponVerification, usedCoupon: Coupon, template: CouponTemplate): Promise<CouponVerificationView> {
    const [view] = await this.viewsOf([row], [usedCoupon], [template]);
    return view as CouponVerificationView;
  }

  private async verificationViews(rows: CouponVerification[]): Promise<CouponVerificationView[]> {
    if (rows.length === 0) return [];
    const coupons = await this.repository.coupons(rows.map((r) => r.couponId));
    return this.viewsOf(rows, coupons, await this.templatesOf(coupons));
  }

  /** The coupon a clerk is about to verify, with whose it is. */
  async preview(coupon: Coupon, template: CouponTemplate): Promise<CouponVerificationPreview> {
    const members = await this.tx.read(() => this.members.cards([coupon.memberId]));
    const member = members.get(coupon.memberId);
    return { coupon: await this.views.coupon(coupon, template), member: { cardNo: member?.cardNo ?? '', nickname: member?.nickname ?? null } };
  }

  private async viewsOf(rows: CouponVerification[], coupons: Coupon[], templates: CouponTemplate[]): Promise<CouponVerificationView[]> {
    const couponViews = new Map((await this.views.coupons(coupons, templates)).map((c) => [c.id, c]));
    const [members, staff] = await this.tx.read(() => Promise.all([this.members.cards(coupons.map((c) => c.memberId)), this.staff.displayNames(rows.map((r) => r.staffId))]));
    const memberOf = new Map(coupons.map((c) => [c.id, members.get(c.memberId)]));
    const stores = await this.scope.stores();
    return rows.map((r) => {
      const member = memberOf.get(r.couponId);
      const store = stores.get(r.storeId);
      const clerk = staff.get(r.staffId);
      return {
        id: r.id,
        coupon: couponViews.get(r.couponId) as CouponView,
        member: { cardNo: member?.cardNo ?? '', nickname: member?.nickname ?? null },
        verifiedAt: r.verifiedAt.toISOString(),
        store: store ? storeRef(store) : { code: '', name: '' },
        verifiedBy: clerk !== undefined ? { id: r.staffId, displayName: clerk } : undefined,
        undoneAt: r.undoneAt?.toISOString() ?? null,
      };
    });
  }

  private async templatesOf(coupons: Coupon[]): Promise<CouponTemplate[]> {
    return this.repository.templates([...new Set(coupons.map((c) => c.templateId))]);
  }
}
