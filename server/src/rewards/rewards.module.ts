import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { TiersModule } from '../tiers/tiers.module';
import { RewardImageStore } from './reward-image-store';
import { RewardImagesController } from './reward-images.controller';
import { RewardsController } from './rewards.controller';
import { RewardsRepository } from './rewards.repository';
import { RewardsService } from './rewards.service';
import { StaffRewardsController } from './staff-rewards.controller';
import { RedeemRewardUseCase } from './usecases/redeem-reward.usecase';

@Module({
  imports: [AuditModule, CouponsModule, MembersModule, PointsModule, TiersModule],
  controllers: [RewardsController, RewardImagesController, StaffRewardsController],
  providers: [RewardsRepository, RewardsService, RewardImageStore, RedeemRewardUseCase],
  exports: [RewardsService],
})
export class RewardsModule {}
