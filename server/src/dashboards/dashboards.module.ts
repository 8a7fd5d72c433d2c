import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { PointsModule } from '../points/points.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StoresModule } from '../stores/stores.module';
import { TiersModule } from '../tiers/tiers.module';
import { DashboardsRepository } from './dashboards.repository';
import { DashboardsRollupJob } from './dashboards-rollup.job';
import { DashboardsService } from './dashboards.service';
import { StaffDashboardsController } from './staff-dashboards.controller';

/** 数据看板: the rollup job and the panels that read it. It reads the other features' tables and writes only its own. */
@Module({
  imports: [CampaignsModule, ProgrammeModule, StoresModule, TiersModule, PointsModule],
  controllers: [StaffDashboardsController],
  providers: [DashboardsRepository, DashboardsRollupJob, DashboardsService],
})
export class DashboardsModule {}
