import { AuditModule } from './audit/audit.module';
import { CheckinModule } from './checkin/checkin.module';
import { CouponsModule } from './coupons/coupons.module';
import { MembersModule } from './members/members.module';
import { PointsModule } from './points/points.module';
import { PurchasesModule } from './purchases/purchases.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RewardsModule } from './rewards/rewards.module';
import { ProgrammeModule } from './programme/programme.module';
import { StaffModule } from './staff/staff.module';
import { StoresModule } from './stores/stores.module';
import { TiersModule } from './tiers/tiers.module';
import { WechatModule } from './wechat/wechat.module';
import { TagsModule } from './tags/tags.module';
import { SegmentsModule } from './segments/segments.module';
import { Member360Module } from './member-360/member-360.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { CareTasksModule } from './care-tasks/care-tasks.module';
import { AutomationsModule } from './automations/automations.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { TransfersModule } from './transfers/transfers.module';

/** Feature modules, in dependency order (leaves first). */
export const FEATURE_MODULES = [WechatModule, ProgrammeModule, AuditModule, StoresModule, StaffModule, TiersModule, PointsModule, MembersModule, TagsModule, PurchasesModule, CheckinModule, CouponsModule, RewardsModule, ReferralsModule, SubscriptionsModule, SegmentsModule, Member360Module, CareTasksModule, AutomationsModule, DashboardsModule, TransfersModule];
