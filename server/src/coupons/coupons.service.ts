import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CouponDetail,
  CouponSettlementReport,
  CouponStatus,
  Coupon as CouponView,
  CouponVerification as CouponVerificationView,
  ErrorCode,
  Page,
  StaffRole,
} from '@huiyuan/shared-types';
import bwipjs from 'bwip-js';
import { Brackets, DataSource, In } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { sqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays, startOfBusinessDay } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { StoreScope } from '../stores/store-scope';
import { StoresService } from '../stores/stores.service';
import { CouponViews, storeRef } from './coupon-views';
import { couponNotFound } from './coupons.errors';
import { Coupon } from './entities/coupon.entity';
import { CouponTemplate } from './entities/coupon-template.entity';
import { CouponVerification } from './entities/coupon-verification.entity';

const DAY_LIST_LIMIT = 100;

/** Reads: the member's wallet, the store's verifications, and the settlement report. */
@Injectable()
export class CouponsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const query = this.dataSource.createQueryBuilder(Coupon, 'c').where('c.memberId = :memberId', { memberId });
    if (status === 'active') query.andWhere("c.status = 'active' AND c.expiresAt > :now", { now });
    if (status === 'used') query.andWhere("c.status = 'used'");
    if (status === 'expired') query.andWhere(new Brackets((q) => q.where("c.status = 'expired'").orWhere("c.status = 'active' AND c.expiresAt <= :now", { now })));
    if (beforeId) query.andWhere('c.id < :beforeId', { beforeId });
    const rows = await query.orderBy('c.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return { items: await this.views.coupons(page, await this.templatesOf(page)), nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null };
  }

  async detail(memberId: number, couponId: number): Promise<CouponDetail> {
    const coupon = await this.dataSource.manager.findOneBy(Coupon, { id: couponId, memberId });
    if (!coupon) throw couponNotFound(`${couponId} in your wallet`);
    const view = await this.views.coupon(coupon, await this.dataSource.manager.findOneByOrFail(CouponTemplate, { id: coupon.templateId }));
    if (view.status !== 'active') return view;
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: coupon.code, scale: 5, paddingwidth: 2, paddingheight: 2 });
    return { ...view, qrPng: `data:image/png;base64,${qr.toString('base64')}` };
  }

  async verification(id: number): Promise<CouponVerificationView> {
    const row = await this.dataSource.manager.findOneBy(CouponVerification, { id });
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No coupon verification ${id}`);
    const [view] = await this.verificationViews([row]);
    return view as CouponVerificationView;
  }

  /** One store's verifications on one business day (default: the staff member's store, today). */
  async verificationsOfDay(staff: StaffPrincipal, storeCode: string | undefined, date: string | undefined, afterId: number | undefined): Promise<Page<CouponVerificationView>> {
    const store = storeCode ? await this.stores.requireByCode(storeCode) : (await this.scope.stores()).get(staff.storeId);
    if (!store) throw new AppError(ErrorCode.STORE_NOT_FOUND, 'Your store no longer exists');
    await this.scope.assertCovers(staff, store.id, `Store ${store.code}`);
    const day = date ?? this.calendar.today();
    const query = this.dataSource.createQueryBuilder(CouponVerification, 'v').where('v.storeId = :storeId AND v.verifiedAt >= :from AND v.verifiedAt < :to', {
      storeId: store.id,
      from: this.calendar.startOfDay(day),
      to: this.calendar.startOfDay(addDays(day, 1)),
    });
    if (afterId) query.andWhere('v.id > :afterId', { afterId });
    const rows = await query.orderBy('v.id', 'ASC').take(DAY_LIST_LIMIT + 1).getMany();
    const page = rows.slice(0, DAY_LIST_LIMIT);
    return { items: await this.verificationViews(page), nextCursor: rows.length > DAY_LIST_LIMIT ? String(page[page.length - 1]?.id) : null };
  }

  /**
   * Coupons a store gave that were used at another store, per pair, for the stores to settle.
   * Mall coupons have no issuing store (HQ pays for them in points) and are left out.
   */
  async settlement(staff: StaffPrincipal, from: string, to: string): Promise<CouponSettlementReport> {
    const tz = this.calendar.timeZone;
    const rows: Array<{ issued_store_id: number; used_store_id: number; n: number | string; cash: number | string | null }> = await this.dataSource.query(
      `SELECT issued_store_id, used_store_id, COUNT(*) AS n, SUM(CASE WHEN kind = 'cash' THEN amount_cents ELSE 0 END) AS cash
       FROM coupons
       WHERE status = 'used' AND used_at >= ? AND used_at < ? AND issued_store_id IS NOT NULL AND used_store_id <> issued_store_id
       GROUP BY issued_store_id, used_store_id`,
      [sqlDate(this.dataSource.manager, startOfBusinessDay(from, tz)), sqlDate(this.dataSource.manager, startOfBusinessDay(addDays(to, 1), tz))],
    );
    const stores = await this.scope.stores();
    const items = [];
    for (const r of rows) {
      const issued = stores.get(Number(r.issued_store_id));
      const used = stores.get(Number(r.used_store_id));
      if (!issued || !used) continue;
      const visible = staff.role === StaffRole.HQ_ADMIN || (await this.scope.covers(staff, issued.id)) || (await this.scope.covers(staff, used.id));
      if (visible) items.push({ issuedStore: storeRef(issued), usedStore: storeRef(used), count: Number(r.n), cashOffCents: Number(r.cash ?? 0) });
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
    const coupons = await this.dataSource.manager.findBy(Coupon, { id: In(rows.map((r) => r.couponId)) });
    return this.viewsOf(rows, coupons, await this.templatesOf(coupons));
  }

  private async viewsOf(rows: CouponVerification[], coupons: Coupon[], templates: CouponTemplate[]): Promise<CouponVerificationView[]> {
    const couponViews = new Map((await this.views.coupons(coupons, templates)).map((c) => [c.id, c]));
    const [memberRows, staffRows] = await this.tx.read(async (m) => {
      const idList = (ids: number[]) => [...new Set(ids)].map(() => '?').join(', ');
      const memberIds = [...new Set(coupons.map((c) => c.memberId))];
      const staffIds = [...new Set(rows.map((r) => r.staffId))];
      return Promise.all([
        m.query<Array<{ id: number; card_no: string; nickname: string | null }>>(`SELECT id, card_no, nickname FROM members WHERE id IN (${idList(memberIds)})`, memberIds),
        m.query<Array<{ id: number; display_name: string }>>(`SELECT id, display_name FROM staff WHERE id IN (${idList(staffIds)})`, staffIds),
      ]);
    });
    const members = new Map(memberRows.map((r) => [Number(r.id), r]));
    const memberOf = new Map(coupons.map((c) => [c.id, members.get(c.memberId)]));
    const staff = new Map(staffRows.map((r) => [Number(r.id), r]));
    const stores = await this.scope.stores();
    return rows.map((r) => {
      const member = memberOf.get(r.couponId);
      const store = stores.get(r.storeId);
      const clerk = staff.get(r.staffId);
      return {
        id: r.id,
        coupon: couponViews.get(r.couponId) as CouponView,
        member: { cardNo: member?.card_no ?? '', nickname: member?.nickname ?? null },
        verifiedAt: r.verifiedAt.toISOString(),
        store: store ? storeRef(store) : { code: '', name: '' },
        verifiedBy: clerk ? { id: Number(clerk.id), displayName: clerk.display_name } : undefined,
        undoneAt: r.undoneAt?.toISOString() ?? null,
      };
    });
  }

  private async templatesOf(coupons: Coupon[]): Promise<CouponTemplate[]> {
    const ids = [...new Set(coupons.map((c) => c.templateId))];
    return ids.length ? this.dataSource.manager.findBy(CouponTemplate, { id: In(ids) }) : [];
  }
}
