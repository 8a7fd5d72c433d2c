import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CampaignsDashboard, CheckinsDashboard, CouponsDashboard, DashboardStatus, MembersDashboard, PointsDashboard, ReferralsDashboard, RfmDashboard, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { DashboardRangeQuery, DashboardStoreQuery } from './dto/dashboard.dto';
import { DashboardsRollupJob } from './dashboards-rollup.job';
import { DashboardsService } from './dashboards.service';

/** 数据看板: one route per panel, so the console loads them side by side. */
@ApiTags('staff: dashboards')
@Controller('api/v1/staff/dashboards')
export class StaffDashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly rollup: DashboardsRollupJob,
  ) {}

  @Get('status')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  status(): Promise<DashboardStatus> {
    return this.rollup.status();
  }

  /** HQ recounts now rather than waiting for the next run; null if a run is already going. */
  @Post('refresh')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  async refresh(): Promise<DashboardStatus | null> {
    const run = await this.rollup.run();
    return run && { asOf: run.asOf, durationMs: run.durationMs, frozenThrough: run.frozenThrough };
  }

  @Get('members')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  members(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<MembersDashboard> {
    return this.dashboards.members(staff, query);
  }

  @Get('points')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  points(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<PointsDashboard> {
    return this.dashboards.points(staff, query);
  }

  @Get('checkins')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  checkins(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<CheckinsDashboard> {
    return this.dashboards.checkins(staff, query);
  }

  @Get('coupons')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  coupons(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<CouponsDashboard> {
    return this.dashboards.coupons(staff, query);
  }

  @Get('referrals')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  referrals(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<ReferralsDashboard> {
    return this.dashboards.referrals(staff, query);
  }

  @Get('campaigns')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  campaigns(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardRangeQuery): Promise<CampaignsDashboard> {
    return this.dashboards.campaigns(staff, query);
  }

  @Get('rfm')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  rfm(@CurrentStaff() staff: StaffPrincipal, @Query() query: DashboardStoreQuery): Promise<RfmDashboard> {
    return this.dashboards.rfm(staff, query.storeCode);
  }
}
