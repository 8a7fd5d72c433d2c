import { OutboxEvent } from '../common/events/outbox-event.entity';
import { JobRun } from '../common/queue/job-run.entity';
import { Coupon } from '../coupons/entities/coupon.entity';
import { CouponClaim } from '../coupons/entities/coupon-claim.entity';
import { CouponTemplate } from '../coupons/entities/coupon-template.entity';
import { CouponVerification } from '../coupons/entities/coupon-verification.entity';
import { Reward } from '../rewards/entities/reward.entity';
import { RewardRedemption } from '../rewards/entities/reward-redemption.entity';
import { AuditRecord } from '../audit/audit-record.entity';
import { Checkin } from '../checkin/entities/checkin.entity';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';
import { FormerIdentity } from '../members/entities/former-identity.entity';
import { Member } from '../members/entities/member.entity';
import { PointsLedgerEntry } from '../points/entities/points-ledger-entry.entity';
import { PointsLot } from '../points/entities/points-lot.entity';
import { PointsLotUse } from '../points/entities/points-lot-use.entity';
import { Referral } from '../referrals/entities/referral.entity';
import { ReferralReward } from '../referrals/entities/referral-reward.entity';
import { Purchase } from '../purchases/entities/purchase.entity';
import { PurchaseRefund } from '../purchases/entities/purchase-refund.entity';
import { GrowthEntry } from '../members/entities/growth-entry.entity';
import { TierChange } from '../members/entities/tier-change.entity';
import { ProgrammeSetting } from '../programme/programme-setting.entity';
import { StaffMember } from '../staff/entities/staff-member.entity';
import { Store } from '../stores/entities/store.entity';
import { Tier } from '../tiers/entities/tier.entity';
import { WechatToken } from '../wechat/wechat-token.entity';
import { Tag } from '../tags/entities/tag.entity';
import { MemberTag } from '../tags/entities/member-tag.entity';
import { MemberStats } from '../tags/entities/member-stats.entity';
import { Segment } from '../segments/entities/segment.entity';
import { SegmentSnapshot } from '../segments/entities/segment-snapshot.entity';
import { SegmentSnapshotMember } from '../segments/entities/segment-snapshot-member.entity';
import { MemberNote } from '../member-360/entities/member-note.entity';
import { MessageTemplate } from '../subscriptions/entities/message-template.entity';
import { SubscriptionGrant } from '../subscriptions/entities/subscription-grant.entity';
import { SubscriptionAccept } from '../subscriptions/entities/subscription-accept.entity';
import { SubscribeSentEvent } from '../subscriptions/entities/subscribe-sent-event.entity';
import { WechatPushReceipt } from '../subscriptions/entities/wechat-push-receipt.entity';
import { AppBanReport } from '../subscriptions/entities/app-ban-report.entity';
import { AppBanWatchRow } from '../subscriptions/entities/app-ban-watch.entity';
import { CareTask } from '../care-tasks/entities/care-task.entity';
import { Automation } from '../automations/entities/automation.entity';
import { AutomationOccurrence } from '../automations/entities/automation-occurrence.entity';
import { DashboardDaily } from '../dashboards/entities/dashboard-daily.entity';
import { DashboardSnapshot } from '../dashboards/entities/dashboard-snapshot.entity';
import { Campaign } from '../campaigns/entities/campaign.entity';
import { CampaignDelivery } from '../campaigns/entities/campaign-delivery.entity';
import { CampaignWeekCount } from '../campaigns/entities/campaign-week-count.entity';
import { TransferJob } from '../transfers/entities/transfer-job.entity';
import { ImportRejection } from '../transfers/entities/import-rejection.entity';
import { MemberImportKey } from '../transfers/entities/member-import-key.entity';

/** Every entity, listed once: the app, the CLI and the schema test read this list. */
export const ENTITIES = [
  IdempotencyRecord,
  OutboxEvent,
  JobRun,
  WechatToken,
  ProgrammeSetting,
  Store,
  StaffMember,
  AuditRecord,
  Tier,
  Member,
  FormerIdentity,
  PointsLedgerEntry,
  PointsLot,
  PointsLotUse,
  Purchase,
  PurchaseRefund,
  GrowthEntry,
  TierChange,
  CouponTemplate,
  Coupon,
  CouponClaim,
  CouponVerification,
  Reward,
  RewardRedemption,
  Checkin,
  Referral,
  ReferralReward,
  Tag,
  MemberTag,
  MemberStats,
  Segment,
  SegmentSnapshot,
  SegmentSnapshotMember,
  MemberNote,
  MessageTemplate,
  SubscriptionGrant,
  SubscriptionAccept,
  SubscribeSentEvent,
  WechatPushReceipt,
  AppBanReport,
  AppBanWatchRow,
  CareTask,
  Automation,
  AutomationOccurrence,
  DashboardDaily,
  DashboardSnapshot,
  Campaign,
  CampaignDelivery,
  CampaignWeekCount,
  TransferJob,
  ImportRejection,
  MemberImportKey,
];
