import { Injectable } from '@nestjs/common';
import { CouponStatus } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { claimNumberedSlot } from '../common/db/numbered-slot';
import { execute, insertRow } from '../common/db/sql';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { TiersService } from '../tiers/tiers.service';
import { faceText, newCouponCode, validityWindow } from './coupon-rules';
import { templateValidity } from './coupon-views';
import { couponLimitReached, couponNotIssuable, couponSoldOut } from './coupons.errors';
import { Coupon } from './entities/coupon.entity';
import { CouponClaim } from './entities/coupon-claim.entity';
import { CouponTemplate } from './entities/coupon-template.entity';

export interface IssueCoupon {
  templateId: number;
  memberId: number;
  /** What gave the coupon: redemption, staff, referral, automation… */
  source: string;
  sourceId?: string | null;
  /** The store that gives it: where an 'issuing store' coupon is valid, and the payer in settlements. */
  storeId?: number | null;
}

export interface IssuedCoupon {
  id: number;
  code: string;
  status: CouponStatus;
  title: string;
  validFrom: Date;
  expiresAt: Date;
}

const CODE_ATTEMPTS = 3;

/**
 * The one way a coupon comes into being, inside the caller's transaction (mall, staff, referrals,
 * automations): template rules, per-member limits by unique slot, and the template's stock by
 * conditional update, last, so its row lock is held for the shortest time.
 */
@Injectable()
export class CouponIssuer {
  constructor(
    private readonly clock: Clock,
    private readonly tiers: TiersService,
    private readonly calendar: BusinessCalendar,
  ) {}

  async issue(manager: EntityManager, command: IssueCoupon): Promise<IssuedCoupon> {
    const template = await manager.findOneBy(CouponTemplate, { id: command.templateId });
    if (!template || !template.active) throw couponNotIssuable(`template ${command.templateId} does not exist or is switched off`);
    const storeId = command.storeId ?? null;
    if (template.storeScope === 'issuing' && storeId === null) throw couponNotIssuable('it is valid only at the store that issues it, and no store is issuing it');
    if (template.minTierRank !== null) await this.assertTier(manager, command.memberId, template.minTierRank);
    const now = this.clock.now();
    const { validFrom, expiresAt } = validityWindow(templateValidity(template), now, this.calendar.timeZone);
    if (expiresAt.getTime() <= now.getTime()) throw couponNotIssuable('its validity period has ended');

    const coupon = await this.insertCoupon(manager, template, command, storeId, validFrom, expiresAt, now);
    if (template.perMemberLimit !== null) await this.claim(manager, template, command.memberId, 'all', template.perMemberLimit, coupon.code, now);
    if (template.perMemberDailyLimit !== null) {
      await this.claim(manager, template, command.memberId, this.calendar.dateOf(now), template.perMemberDailyLimit, coupon.code, now);
    }
    // Only a capped template keeps a count, so uncapped ones add no hot row to every issue.
    if (template.totalStock !== null) {
      const counted = await execute(manager, 'UPDATE coupon_templates SET issued_count = issued_count + 1 WHERE id = ? AND issued_count < total_stock', [template.id]);
      if (counted !== 1) throw couponSoldOut(template.title);
    }
    return coupon;
  }

  private async assertTier(manager: EntityManager, memberId: number, minRank: number): Promise<void> {
    const rows: Array<{ tier_id: number }> = await manager.query('SELECT tier_id FROM members WHERE id = ?', [memberId]);
    const tier = rows[0] ? await this.tiers.byId(Number(rows[0].tier_id)) : null;
    if (!tier || tier.rank < minRank) {
      const needed = (await this.tiers.all()).find((t) => t.rank >= minRank);
      throw couponNotIssuable(`it is for ${needed?.name ?? `tier rank ${minRank}`} members and above`);
    }
  }

  private async insertCoupon(
    manager: EntityManager,
    template: CouponTemplate,
    command: IssueCoupon,
    storeId: number | null,
    validFrom: Date,
    expiresAt: Date,
    now: Date,
  ): Promise<IssuedCoupon> {
    for (let attempt = 1; ; attempt++) {
      const code = newCouponCode();
      try {
        const id = await insertRow(manager, Coupon, {
          code,
          templateId: template.id,
          memberId: command.memberId,
          status: 'active',
          title: template.title,
          kind: template.kind,
          faceText: faceText(template),
          amountCents: template.kind === 'cash' ? template.amountCents : null,
          source: command.source,
          sourceId: command.sourceId ?? null,
          issuedStoreId: storeId,
          validFrom,
          expiresAt,
          usedAt: null,
          usedStoreId: null,
          usedByStaffId: null,
          createdAt: now,
        });
        return { id, code, status: 'active', title: template.title, validFrom, expiresAt };
      } catch (error) {
        // 31^12 codes: a collision is all but impossible, and a fresh draw settles it.
        if (!isDuplicateKeyError(error) || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }

  private async claim(manager: EntityManager, template: CouponTemplate, memberId: number, period: string, limit: number, couponCode: string, now: Date): Promise<void> {
    const rows: Array<{ n: number | string }> = await manager.query('SELECT COUNT(*) AS n FROM coupon_claims WHERE template_id = ? AND member_id = ? AND period = ?', [template.id, memberId, period]);
    const claimed = await claimNumberedSlot(manager, CouponClaim, Number(rows[0]?.n ?? 0), limit, (seq) => ({ templateId: template.id, memberId, period, seq, couponCode, createdAt: now }));
    if (claimed === null) throw couponLimitReached(template.title, limit, period === 'all' ? 'all' : 'day');
  }
}
