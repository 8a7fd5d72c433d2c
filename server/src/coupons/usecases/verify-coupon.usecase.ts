import { Injectable } from '@nestjs/common';
import { CouponVerification as CouponVerificationView, CouponVerificationPreview, StoreKind } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import { AccountStandings } from '../../common/auth/account-standing';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { Store } from '../../stores/entities/store.entity';
import { StoreScope } from '../../stores/store-scope';
import { MemberStatsService } from '../../tags/member-stats.service';
import { normaliseCouponCode, usability } from '../coupon-rules';
import { CouponSettingsService } from '../coupon-settings';
import { CouponViews } from '../coupon-views';
import {
  couponAlreadyUsed,
  couponChangedDuringVerification,
  couponExpired,
  couponNotFound,
  couponNotYetValid,
  couponWrongStore,
  undoWindowPassed,
  verificationAlreadyUndone,
  verificationNotFound,
  verificationUndoneMeanwhile,
  verifiedAtStoresOnly,
} from '../coupons.errors';
import { CouponsRepository } from '../coupons.repository';
import { CouponsService } from '../coupons.service';
import { Coupon } from '../entities/coupon.entity';
import { CouponTemplate } from '../entities/coupon-template.entity';

/**
 * 核销 at the till, and a manager's undo. The checks before the transaction give the clerk a
 * precise answer; the conditional update inside it is what makes a coupon usable once.
 */
@Injectable()
export class VerifyCouponUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly scope: StoreScope,
    private readonly views: CouponViews,
    private readonly coupons: CouponsService,
    private readonly settings: CouponSettingsService,
    private readonly audit: AuditTrail,
    private readonly accounts: MemberAccountRepository,
    private readonly repository: CouponsRepository,
    private readonly calendar: BusinessCalendar,
    private readonly standings: AccountStandings,
    private readonly memberStats: MemberStatsService,
  ) {}

  /**
   * What 核销 would use, checked as the verification checks it but changing nothing: the clerk confirms
   * the coupon and its member before the coupon is spent.
   */
  async preview(staff: StaffPrincipal, rawCode: string): Promise<CouponVerificationPreview> {
    const { coupon, template } = await this.usableHere(staff, rawCode);
    return this.coupons.preview(coupon, template);
  }

  async verify(staff: StaffPrincipal, rawCode: string, requestId: string): Promise<CouponVerificationView> {
    const { coupon, template, store, now } = await this.usableHere(staff, rawCode);

    const verification = await this.tx.run(async (m) => {
      if (!(await this.repository.markUsed(m, coupon.id, { at: now, staffId: staff.staffId, storeId: store.id }))) {
        const current = await this.repository.coupon(coupon.id, m);
        if (current) await this.assertUsable(current, now);
        throw couponChangedDuringVerification();
      }
      const verification = { couponId: coupon.id, storeId: store.id, staffId: staff.staffId, verifiedAt: now, undoneAt: null, undoneByStaffId: null };
      const id = await this.repository.insertVerification(m, verification);
      await this.accounts.recordVisit(m, coupon.memberId, now);
      await this.memberStats.record(m, coupon.memberId, { kind: 'coupon_used', at: now });
      await this.audit.record(m, { staff, requestId, storeId: store.id }, { action: 'coupon.verify', targetType: 'coupon', targetId: coupon.id, summary: `核销 ${coupon.title}（${coupon.faceText}）券码 ${coupon.code}` });
      return { id, ...verification };
    });
    const usedCoupon = Object.assign(coupon, { status: 'used', usedAt: now, usedStoreId: store.id, usedByStaffId: staff.staffId });
    return this.coupons.freshVerification(verification, usedCoupon, template);
  }

  /** The checks before the write, shared by the preview and the verification: a precise answer for the clerk. */
  private async usableHere(staff: StaffPrincipal, rawCode: string): Promise<{ coupon: Coupon; template: CouponTemplate; store: Store; now: Date }> {
    const code = normaliseCouponCode(rawCode);
    if (!code) throw couponNotFound(`with code ${rawCode.trim()}: a coupon code is 13 letters and digits; check for a typo`);
    const store = (await this.scope.stores()).get(staff.storeId);
    if (!store || store.kind !== StoreKind.STORE) throw verifiedAtStoresOnly();
    const coupon = await this.tx.read(() => this.repository.couponByCode(code));
    if (!coupon) throw couponNotFound(`with code ${code}`);
    // A deleted account's coupons are void: its points and benefits went with it.
    if (!(await this.standings.member(coupon.memberId))?.active) throw couponNotFound(`with code ${code} in use: it was voided when its member deleted the account`);
    const template = await this.tx.read((m) => this.repository.template(coupon.templateId, m));
    if (!template) throw new Error(`coupon ${coupon.id} has no template ${coupon.templateId}`);
    const now = this.clock.now();
    await this.assertUsable(coupon, now);
    if (!(await this.views.isValidAt(template, coupon.issuedStoreId, store))) {
      const where = await this.views.storesText(template, coupon.issuedStoreId);
      throw couponWrongStore(store.name, where);
    }
    return { coupon, template, store, now };
  }

  /** A manager (or HQ) takes back a verification made by mistake, within the programme's window. */
  async undo(staff: StaffPrincipal, verificationId: number, requestId: string): Promise<CouponVerificationView> {
    const { undoWindowMinutes } = await this.settings.get();
    await this.tx.run(async (m) => {
      const verification = await this.repository.verification(verificationId, m);
      if (!verification) throw verificationNotFound(verificationId);
      await this.scope.assertCovers(staff, verification.storeId, 'This verification');
      if (verification.undoneAt) throw verificationAlreadyUndone(verification.undoneAt);
      const now = this.clock.now();
      const deadline = new Date(verification.verifiedAt.getTime() + undoWindowMinutes * 60_000);
      if (now > deadline) {
        throw undoWindowPassed(undoWindowMinutes, verification.verifiedAt, deadline);
      }
      const undone = await this.repository.undoVerification(m, verificationId, staff.staffId, now);
      const restored = await this.repository.markUnused(m, verification.couponId);
      const coupon = undone && restored ? await this.repository.coupon(verification.couponId, m) : null;
      if (!coupon) throw verificationUndoneMeanwhile();
      await this.audit.record(m, { staff, requestId, storeId: verification.storeId }, {
        action: 'coupon.verify_undo',
        targetType: 'coupon',
        targetId: coupon.id,
        summary: `撤销核销 ${coupon.title} 券码 ${coupon.code}`,
        before: { status: 'used', verificationId },
        after: { status: 'active' },
      });
    });
    return this.coupons.verification(verificationId);
  }

  private async assertUsable(coupon: Coupon, now: Date): Promise<void> {
    switch (usability(coupon, now)) {
      case 'usable':
        return;
      case 'used': {
        const store: Store | undefined = coupon.usedStoreId === null ? undefined : (await this.scope.stores()).get(coupon.usedStoreId);
        const at = coupon.usedAt ? this.localTime(coupon.usedAt) : 'earlier';
        throw couponAlreadyUsed(at, store?.name ?? 'another store', coupon.usedAt, store ? { code: store.code, name: store.name } : null);
      }
      case 'expired':
        throw couponExpired(this.localTime(coupon.expiresAt), coupon.expiresAt);
      case 'not_yet_valid':
        throw couponNotYetValid(this.localTime(coupon.validFrom), coupon.validFrom);
    }
  }

  /** "2026-03-01 15:04" in the business time zone, as the clerk's clock shows it. */
  private localTime(at: Date): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: this.calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
  }
}
