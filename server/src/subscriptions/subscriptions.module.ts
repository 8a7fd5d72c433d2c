import { Module } from '@nestjs/common';
import { AppBanReportsRepository } from './app-ban-reports.repository';
import { AppBanWatch } from './app-ban-watch';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { StaffModule } from '../staff/staff.module';
import { WechatModule } from '../wechat/wechat.module';
import { MessageTemplatesRepository } from './message-templates.repository';
import { MessageTemplatesService } from './message-templates.service';
import { StaffAppBanController } from './staff-app-ban.controller';
import { StaffMessageTemplatesController } from './staff-message-templates.controller';
import { SubscribeEventsRepository } from './subscribe-events.repository';
import { SubscriptionGrantsRepository } from './subscription-grants.repository';
import { SubscriptionLedger } from './subscription-ledger';
import { SubscriptionQuota } from './subscription-quota';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { ReceiveWechatPushUseCase } from './usecases/receive-wechat-push.usecase';
import { ReportSubscriptionsUseCase } from './usecases/report-subscriptions.usecase';
import { StaffWechatBindingUseCase } from './usecases/staff-wechat-binding.usecase';
import { WechatPushController } from './wechat-push.controller';

/**
 * Subscribe-message consent: the templates HQ registered, each member's sends left per template
 * (SubscriptionQuota, for the senders), WeChat's push events, the staff's own WeChat binding and the
 * members' 20005 reports (AppBanWatch: enough of them pause every campaign).
 */
@Module({
  imports: [AuditModule, MembersModule, StaffModule, WechatModule],
  controllers: [SubscriptionsController, StaffMessageTemplatesController, StaffAppBanController, WechatPushController],
  providers: [
    MessageTemplatesRepository,
    MessageTemplatesService,
    SubscriptionGrantsRepository,
    SubscribeEventsRepository,
    SubscriptionLedger,
    AppBanReportsRepository,
    AppBanWatch,
    SubscriptionQuota,
    SubscriptionsService,
    ReceiveWechatPushUseCase,
    ReportSubscriptionsUseCase,
    StaffWechatBindingUseCase,
  ],
  exports: [MessageTemplatesService, SubscriptionQuota, SubscribeEventsRepository, AppBanWatch],
})
export class SubscriptionsModule {}
