import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CheckinRules, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CheckinService } from './checkin.service';
import { CheckinRulesBody } from './dto/checkin.dto';

@ApiTags('staff: check-in')
@Controller('api/v1/staff/checkin-rules')
export class StaffCheckinController {
  constructor(private readonly checkins: CheckinService) {}

  @Get()
  @StaffAuth()
  rules(): Promise<CheckinRules> {
    return this.checkins.rules();
  }

  @Put()
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Body() body: CheckinRulesBody, @RequestId() requestId: string): Promise<CheckinRules> {
    return this.checkins.updateRules(staff, body, requestId);
  }
}
