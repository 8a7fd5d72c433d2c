import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppBanReportsView, StaffRole } from '@huiyuan/shared-types';
import { StaffAuth } from '../common/auth/guards';
import { AppBanWatch } from './app-ban-watch';

@ApiTags('staff: campaigns')
@Controller('api/v1/staff')
export class StaffAppBanController {
  constructor(private readonly appBan: AppBanWatch) {}

  /** The members' 20005 reports counted towards pausing every campaign, and the pause they caused (the campaigns page). */
  @Get('app-ban-reports')
  @StaffAuth(StaffRole.HQ_ADMIN)
  reports(): Promise<AppBanReportsView> {
    return this.appBan.view();
  }
}
