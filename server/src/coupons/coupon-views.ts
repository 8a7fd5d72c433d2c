import { Injectable } from '@nestjs/common';
import { Coupon as CouponView, CouponTemplate as CouponTemplateView, CouponValidity } from '@huiyuan/shared-types';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { Store } from '../stores/entities/store.entity';
import { StoreScope } from '../stores/store-scope';
import { effectiveStatus, faceText, storesText, validAtStore, validityText } from './coupon-rules';
import { Coupon } from './entities/coupon.entity';
import { CouponTemplate } from './entities/coupon-template.entity';

export function templateValidity(t: CouponTemplate): CouponValidity {
  return t.validityKind === 'fixed'
    ? { kind: 'fixed', from: (t.validFrom as Date).toISOString(), until: (t.validUntil as Date).toISOString() }
    : { kind: 'relative', days: t.validDays as number, startsNextDay: t.startsNextDay };
}

export const storeRef = (s: Store) => ({ code: s.code, name: s.name });

/** Turns rows into the shapes the mini-program and the staff console read. */
@Injectable()
export class CouponViews {
  constructor(
    private readonly scope: StoreScope,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  listedStores(template: CouponTemplate, stores: Map<number, Store>): Store[] {
    return (JSON.parse(template.storeIdsJson) as number[]).flatMap((id) => stores.get(id) ?? []);
  }

  /** Where a coupon of this template issued at `issuedStoreId` may be used, in words. */
  async storesText(template: CouponTemplate, issuedStoreId: number | null): Promise<string> {
    const stores = await this.scope.stores();
    const issuing = issuedStoreId === null ? null : (stores.get(issuedStoreId)?.name ?? null);
    return storesText(template.storeScope, this.listedStores(template, stores).map((s) => s.name), issuing);
  }

  async isValidAt(template: CouponTemplate, issuedStoreId: number | null, store: Store): Promise<boolean> {
    const listedPaths = this.listedStores(template, await this.scope.stores()).map((s) => s.path);
    return validAtStore(template.storeScope, { listedPaths, issuingStoreId: issuedStoreId }, store);
  }

  async coupon(coupon: Coupon, template: CouponTemplate): Promise<CouponView> {
    const stores = await this.scope.stores();
    const usedStore = coupon.usedStoreId === null ? undefined : stores.get(coupon.usedStoreId);
    return {
      id: coupon.id,
      code: coupon.code,
      status: effectiveStatus(coupon, this.clock.now()),
      title: coupon.title,
      kind: coupon.kind,
      faceText: coupon.faceText,
      validFrom: coupon.validFrom.toISOString(),
      expiresAt: coupon.expiresAt.toISOString(),
      storesText: await this.storesText(template, coupon.issuedStoreId),
      usageNotes: template.usageNotes,
      usedAt: coupon.usedAt?.toISOString() ?? null,
      usedStore: usedStore ? storeRef(usedStore) : null,
    };
  }

  async coupons(coupons: Coupon[], templates: CouponTemplate[]): Promise<CouponView[]> {
    const byId = new Map(templates.map((t) => [t.id, t]));
    return Promise.all(coupons.map((c) => this.coupon(c, byId.get(c.templateId) as CouponTemplate)));
  }

  async template(t: CouponTemplate, issuedCount: number): Promise<CouponTemplateView> {
    const stores = await this.scope.stores();
    const owner = t.ownerStoreId === null ? undefined : stores.get(t.ownerStoreId);
    const validity = templateValidity(t);
    return {
      id: t.id,
      title: t.title,
      kind: t.kind,
      faceText: faceText(t),
      amountCents: t.amountCents,
      minSpendCents: t.minSpendCents,
      ratePercent: t.ratePercent,
      capCents: t.capCents,
      giftDescription: t.giftDescription,
      validity,
      validityText: validityText(validity, this.calendar.timeZone),
      storeScope: t.storeScope,
      storeCodes: this.listedStores(t, stores).map((s) => s.code),
      storesText: await this.storesText(t, null),
      totalStock: t.totalStock,
      issuedCount,
      perMemberLimit: t.perMemberLimit,
      perMemberDailyLimit: t.perMemberDailyLimit,
      minTierRank: t.minTierRank,
      usageNotes: t.usageNotes,
      active: t.active,
      ownerStore: owner ? storeRef(owner) : null,
    };
  }
}
