import { Module } from '@nestjs/common';
import { CouponsModule } from '../coupons/coupons.module';
import { RewardsController } from './rewards.controller';
import { RewardsService } from './rewards.service';
import { StaffRewardsController } from './staff-rewards.controller';
import { RedeemRewardUseCase } from './usecases/redeem-reward.usecase';

@Module({
  imports: [CouponsModule],
  controllers: [RewardsController, StaffRewardsController],
  providers: [RewardsService, RedeemRewardUseCase],
  exports: [RewardsService],
})
export class RewardsModule {}
