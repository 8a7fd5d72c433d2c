import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountedPage, CouponSettings, CouponTemplate, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CouponSettingsService } from './coupon-settings';
import { CouponTemplatesService } from './coupon-templates.service';
import { CouponSettingsBody, CouponTemplateBody, CouponTemplateQueryDto } from './dto/coupon.dto';

@ApiTags('staff: coupon templates')
@Controller('api/v1/staff')
export class StaffCouponTemplatesController {
  constructor(
    private readonly templates: CouponTemplatesService,
    private readonly settings: CouponSettingsService,
  ) {}

  @Get('coupon-templates')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: CouponTemplateQueryDto): Promise<CountedPage<CouponTemplate>> {
    return this.templates.list(staff, query);
  }

  @Post('coupon-templates')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CouponTemplateBody, @RequestId() requestId: string): Promise<CouponTemplate> {
    return this.templates.create(staff, body, requestId);
  }

  @Put('coupon-templates/:id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: CouponTemplateBody, @RequestId() requestId: string): Promise<CouponTemplate> {
    return this.templates.update(staff, id, body, requestId);
  }

  @Get('coupon-settings')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  getSettings(): Promise<CouponSettings> {
    return this.settings.get();
  }

  @Put('coupon-settings')
  @StaffAuth(StaffRole.HQ_ADMIN)
  updateSettings(@CurrentStaff() staff: StaffPrincipal, @Body() body: CouponSettingsBody, @RequestId() requestId: string): Promise<CouponSettings> {
    return this.templates.updateSettings(staff, body, requestId);
  }
}
