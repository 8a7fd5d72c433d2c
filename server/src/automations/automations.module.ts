import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CouponsModule } from '../coupons/coupons.module';
import { PointsModule } from '../points/points.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { AutomationEngine } from './automation-engine';
import { AutomationScanJob } from './automation-scan.job';
import { AutomationTriggers } from './automation-triggers';
import { AutomationsRepository } from './automations.repository';
import { AutomationsService } from './automations.service';
import { StaffAutomationsController } from './staff-automations.controller';

/** Lifecycle automations: events and an hourly scan answer each member's moment once. */
@Module({
  imports: [AuditModule, CampaignsModule, CouponsModule, PointsModule, SubscriptionsModule],
  controllers: [StaffAutomationsController],
  providers: [AutomationsRepository, AutomationEngine, AutomationTriggers, AutomationScanJob, AutomationsService],
  exports: [AutomationScanJob],
})
export class AutomationsModule {}
