import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { CouponExpiryJob } from './coupon-expiry.job';
import { CouponIssuer } from './coupon-issuer';
import { CouponSettingsService } from './coupon-settings';
import { CouponTemplatesService } from './coupon-templates.service';
import { CouponViews } from './coupon-views';
import { CouponsController } from './coupons.controller';
import { CouponsRepository } from './coupons.repository';
import { CouponsService } from './coupons.service';
import { StaffCouponTemplatesController } from './staff-coupon-templates.controller';
import { StaffCouponsController } from './staff-coupons.controller';
import { IssueCouponUseCase } from './usecases/issue-coupon.usecase';
import { VerifyCouponUseCase } from './usecases/verify-coupon.usecase';

/** Templates, issuing (CouponIssuer, for every feature that gives coupons), the wallet and 核销. */
@Module({
  imports: [AuditModule, MembersModule, ProgrammeModule, StaffModule, StoresModule, TagsModule, TiersModule],
  controllers: [CouponsController, StaffCouponsController, StaffCouponTemplatesController],
  providers: [CouponsRepository, CouponIssuer, CouponViews, CouponsService, CouponTemplatesService, CouponSettingsService, CouponExpiryJob, IssueCouponUseCase, VerifyCouponUseCase],
  exports: [CouponsRepository, CouponIssuer, CouponViews, CouponTemplatesService, CouponExpiryJob],
})
export class CouponsModule {}
