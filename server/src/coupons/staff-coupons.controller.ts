import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Coupon, CouponSettlementReport, CouponVerification, CouponVerificationPreview, CountedPage, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CouponsService } from './coupons.service';
import { IssueCouponBody, SettlementQuery, VerificationsQuery, VerifyCouponBody } from './dto/coupon.dto';
import { IssueCouponUseCase } from './usecases/issue-coupon.usecase';
import { VerifyCouponUseCase } from './usecases/verify-coupon.usecase';

@ApiTags('staff: coupons')
@Controller('api/v1/staff')
export class StaffCouponsController {
  constructor(
    private readonly coupons: CouponsService,
    private readonly verifyCoupon: VerifyCouponUseCase,
    private readonly issueCoupon: IssueCouponUseCase,
  ) {}

  @Post('coupons')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  issue(@CurrentStaff() staff: StaffPrincipal, @Body() body: IssueCouponBody, @RequestId() requestId: string): Promise<Coupon> {
    return this.issueCoupon.execute(staff, body, requestId);
  }

  @Get('coupons/:code')
  @StaffAuth()
  preview(@CurrentStaff() staff: StaffPrincipal, @Param('code') code: string): Promise<CouponVerificationPreview> {
    return this.verifyCoupon.preview(staff, code);
  }

  @Post('coupon-verifications')
  @StaffAuth()
  verify(@CurrentStaff() staff: StaffPrincipal, @Body() body: VerifyCouponBody, @RequestId() requestId: string): Promise<CouponVerification> {
    return this.verifyCoupon.verify(staff, body.code, requestId);
  }

  @Post('coupon-verifications/:id/undo')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  undo(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<CouponVerification> {
    return this.verifyCoupon.undo(staff, id, requestId);
  }

  @Get('coupon-verifications')
  @StaffAuth()
  verifications(@CurrentStaff() staff: StaffPrincipal, @Query() query: VerificationsQuery): Promise<CountedPage<CouponVerification>> {
    return this.coupons.verificationsOfDay(staff, query.storeCode, query.date, query.cursor ? Number(query.cursor) : undefined);
  }

  @Get('reports/coupon-settlement')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  settlement(@CurrentStaff() staff: StaffPrincipal, @Query() query: SettlementQuery): Promise<CouponSettlementReport> {
    return this.coupons.settlement(staff, query.from, query.to);
  }
}
