import { Injectable } from '@nestjs/common';
import { CouponSettings } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { ProgrammeService } from '../programme/programme.service';

export const DEFAULT_COUPON_SETTINGS: CouponSettings = { undoWindowMinutes: 10, managersMayCreateTemplates: false };

/** The programme's coupon rules HQ sets, under the programme setting key 'coupons'. */
@Injectable()
export class CouponSettingsService {
  constructor(private readonly programme: ProgrammeService) {}

  get(): Promise<CouponSettings> {
    return this.programme.get('coupons', DEFAULT_COUPON_SETTINGS);
  }

  set(manager: EntityManager, settings: CouponSettings): Promise<void> {
    return this.programme.set(manager, 'coupons', settings);
  }
}
