import { Injectable } from '@nestjs/common';
import { CouponStatus } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { MemberAccountRepository } from '../members/member-accounts.repository';
import { TiersService } from '../tiers/tiers.service';
import { faceText, newCouponCode, validityWindow } from './coupon-rules';
import { templateValidity } from './coupon-views';
import { couponLimitReached, couponNotIssuable, couponSoldOut } from './coupons.errors';
import { CouponsRepository } from './coupons.repository';
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
    private readonly repository: CouponsRepository,
    private readonly accounts: MemberAccountRepository,
  ) {}

  async issue(manager: EntityManager, command: IssueCoupon): Promise<IssuedCoupon> {
    const template = await this.repository.template(command.templateId, manager);
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
      if (!(await this.repository.countIssue(manager, template.id))) throw couponSoldOut(template.title);
    }
    return coupon;
  }

  private async assertTier(manager: EntityManager, memberId: number, minRank: number): Promise<void> {
    const account = await this.accounts.findActive(memberId, manager);
    const tier = account ? await this.tiers.byId(account.tierId) : null;
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
        const id = await this.repository.insertCoupon(manager, {
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
    const claimed = await this.repository.claim(manager, { templateId: template.id, memberId, period, couponCode, at: now }, limit);
    if (claimed === null) throw couponLimitReached(template.title, limit, period === 'all' ? 'all' : 'day');
  }
}
