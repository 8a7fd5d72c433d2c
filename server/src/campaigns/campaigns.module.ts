import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DomainEvents } from '../common/events/domain-events';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { SegmentsModule } from '../segments/segments.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { TiersModule } from '../tiers/tiers.module';
import { WechatModule } from '../wechat/wechat.module';
import { CampaignOpensController } from './campaign-opens.controller';
import { CampaignSweepJob } from './campaign-sweep.job';
import { CampaignWeekCountsRepository } from './campaign-week-counts.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DeliveryWorker } from './delivery-worker';
import { MessageDelivery } from './message-delivery';
import { RenderContexts } from './render-contexts';
import { StaffCampaignsController } from './staff-campaigns.controller';
import { FanOutCampaignUseCase } from './usecases/fan-out-campaign.usecase';
import { ManageCampaignsUseCase } from './usecases/manage-campaigns.usecase';

/**
 * Template-message campaigns, and the one delivery path every template message takes
 * (MessageDelivery, for automations): rendering, quota, quiet hours, the weekly cap, sending, results.
 */
@Module({
  imports: [AuditModule, CouponsModule, MembersModule, PointsModule, SegmentsModule, StaffModule, StoresModule, SubscriptionsModule, TiersModule, WechatModule],
  controllers: [StaffCampaignsController, CampaignOpensController],
  providers: [CampaignsRepository, DeliveriesRepository, CampaignWeekCountsRepository, CampaignsService, RenderContexts, DeliveryDispatcher, DeliveryWorker, MessageDelivery, FanOutCampaignUseCase, ManageCampaignsUseCase, CampaignSweepJob],
  exports: [MessageDelivery, CampaignsService],
})
export class CampaignsModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly manage: ManageCampaignsUseCase,
  ) {}

  onModuleInit(): void {
    // WeChat banned the app (20005 from enough members' mini-programs): nothing more goes out until HQ resumes.
    this.events.subscribe('messaging.app_banned', ({ reason }) => this.manage.pauseAll(reason));
  }
}
