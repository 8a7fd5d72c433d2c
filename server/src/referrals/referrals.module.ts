import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DomainEvents } from '../common/events/domain-events';
import { JobQueue } from '../common/queue/job-queue';
import { JobScheduler } from '../common/queue/job-scheduler';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { ProgrammeModule } from '../programme/programme.module';
import { PurchasesModule } from '../purchases/purchases.module';
import { WechatModule } from '../wechat/wechat.module';
import { ReferralPayout } from './referral-payout';
import { ReferralPoster } from './referral-poster';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { StaffReferralsController } from './staff-referrals.controller';
import { ReleaseReferralUseCase } from './usecases/release-referral.usecase';
import { ReviewReferralUseCase } from './usecases/review-referral.usecase';
import { RELEASE_JOB, ReleaseJob, TrackReferralUseCase } from './usecases/track-referral.usecase';

/** Due holds are swept this often; the delayed job normally releases them first. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

@Module({
  imports: [AuditModule, CouponsModule, MembersModule, PointsModule, ProgrammeModule, PurchasesModule, WechatModule],
  controllers: [ReferralsController, StaffReferralsController],
  providers: [ReferralsRepository, ReferralsService, ReferralPoster, ReferralPayout, TrackReferralUseCase, ReleaseReferralUseCase, ReviewReferralUseCase],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly queue: JobQueue,
    private readonly tracker: TrackReferralUseCase,
    private readonly releaser: ReleaseReferralUseCase,
    private readonly scheduler: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('member.joined', async ({ memberId, referrerId }) => {
      if (referrerId === null) return;
      await this.tracker.recordJoin(memberId);
      await this.tracker.qualify(memberId, 'join');
    });
    this.events.subscribe('member.checked_in', ({ memberId }) => this.tracker.qualify(memberId, 'first_checkin'));
    this.events.subscribe('purchase.recorded', async ({ memberId, referrerId, purchaseId }) => {
      if (referrerId !== null) await this.tracker.qualify(memberId, 'first_purchase', purchaseId);
    });
    this.queue.register<ReleaseJob>(RELEASE_JOB, async ({ referralId }) => {
      await this.releaser.release(referralId);
    });
    this.scheduler.every({ name: 'referrals-sweep', everyMs: SWEEP_INTERVAL_MS, run: () => this.releaser.sweep() });
  }
}
