import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountedPage, RewardImageUpload, StaffReward, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { RewardBody, RewardImageBody, StaffRewardQueryDto } from './dto/reward.dto';
import { RewardImageStore } from './reward-image-store';
import { RewardsService } from './rewards.service';

@ApiTags('staff: rewards')
@Controller('api/v1/staff/rewards')
export class StaffRewardsController {
  constructor(
    private readonly rewards: RewardsService,
    private readonly images: RewardImageStore,
  ) {}

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(@Query() query: StaffRewardQueryDto): Promise<CountedPage<StaffReward>> {
    return this.rewards.list(query);
  }

  @Post()
  @StaffAuth(StaffRole.HQ_ADMIN)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: RewardBody, @RequestId() requestId: string): Promise<StaffReward> {
    return this.rewards.create(staff, body, requestId);
  }

  /** A picture for the mall; its imageUrl then goes in a reward's imageUrl. */
  @Post('images')
  @StaffAuth(StaffRole.HQ_ADMIN)
  uploadImage(@Body() body: RewardImageBody): Promise<RewardImageUpload> {
    return this.images.upload(body.data);
  }

  @Put(':id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: RewardBody, @RequestId() requestId: string): Promise<StaffReward> {
    return this.rewards.update(staff, id, body, requestId);
  }
}
