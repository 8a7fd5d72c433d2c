import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, ReferralReview, ReferralRules, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { ReferralRulesBody, ReviewListQuery } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';
import { ReviewReferralUseCase } from './usecases/review-referral.usecase';

@ApiTags('staff: referrals')
@Controller('api/v1/staff')
export class StaffReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly review: ReviewReferralUseCase,
  ) {}

  @Get('referral-rules')
  @StaffAuth()
  rules(): Promise<ReferralRules> {
    return this.referrals.rules();
  }

  @Put('referral-rules')
  @StaffAuth(StaffRole.HQ_ADMIN)
  updateRules(@CurrentStaff() staff: StaffPrincipal, @Body() body: ReferralRulesBody, @RequestId() requestId: string): Promise<ReferralRules> {
    return this.referrals.updateRules(staff, body, requestId);
  }

  @Get('referrals/reviews')
  @StaffAuth(StaffRole.HQ_ADMIN)
  reviews(@Query() query: ReviewListQuery): Promise<Page<ReferralReview>> {
    return this.referrals.reviews(query.cursor);
  }

  @Post('referrals/:id/approve')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<ReferralReview> {
    return this.review.decide(staff, id, 'approve', requestId);
  }

  @Post('referrals/:id/reject')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<ReferralReview> {
    return this.review.decide(staff, id, 'reject', requestId);
  }
}
