import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '../common/time/business-calendar';
import { validityWindow } from '../coupons/coupon-rules';
import { templateValidity } from '../coupons/coupon-views';
import { CouponsRepository } from '../coupons/coupons.repository';
import { MessageProfile } from '../members/members.repository';
import { StoreScope } from '../stores/store-scope';
import { TiersService } from '../tiers/tiers.service';
import { chineseDate, RenderContext } from './message-rendering';

export interface MemberContexts {
  /** The member's placeholders, with the coupon's when the message gives one. */
  get(memberId: number, couponTemplateId: number | null): RenderContext | undefined;
}

/** What placeholders are filled from, for a batch of members: tiers, stores and coupon templates are read once per batch. */
@Injectable()
export class RenderContexts {
  constructor(
    private readonly tiers: TiersService,
    private readonly stores: StoreScope,
    private readonly coupons: CouponsRepository,
    private readonly calendar: BusinessCalendar,
  ) {}

  async forMembers(profiles: MessageProfile[], couponTemplateIds: Array<number | null>, now: Date): Promise<MemberContexts> {
    const [tiers, stores] = await Promise.all([this.tiers.all(), this.stores.stores()]);
    const tierName = new Map(tiers.map((t) => [t.id, t.name]));
    const date = chineseDate(this.calendar.dateOf(now));
    const base = new Map<number, RenderContext>(
      profiles.map((p) => [
        p.id,
        {
          nickname: p.nickname?.trim() || '会员',
          cardNo: p.cardNo,
          points: String(p.points),
          tier: tierName.get(p.tierId) ?? '',
          store: p.joinStoreId !== null ? (stores.get(p.joinStoreId)?.name ?? '') : '',
          date,
        },
      ]),
    );
    const coupons = new Map<number, RenderContext>();
    for (const id of new Set(couponTemplateIds.filter((c): c is number => c !== null))) {
      const template = await this.coupons.template(id);
      if (!template) continue;
      // The last day it can be used: the validity window ends at a midnight, which is the next day's start.
      const lastMoment = new Date(validityWindow(templateValidity(template), now, this.calendar.timeZone).expiresAt.getTime() - 1);
      coupons.set(id, { coupon: template.title, expiry: chineseDate(this.calendar.dateOf(lastMoment)) });
    }
    return {
      get: (memberId, couponTemplateId) => {
        const own = base.get(memberId);
        if (!own) return undefined;
        const coupon = couponTemplateId !== null ? coupons.get(couponTemplateId) : undefined;
        return coupon ? { ...own, ...coupon } : own;
      },
    };
  }
}
