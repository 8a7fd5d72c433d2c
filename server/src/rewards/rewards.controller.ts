import { Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Redemption, Reward } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { Outcome } from '../common/http/outcome';
import { RewardsQuery } from './dto/reward.dto';
import { RewardsService } from './rewards.service';
import { RedeemRewardUseCase } from './usecases/redeem-reward.usecase';

@ApiTags('rewards')
@Controller('api/v1/rewards')
export class RewardsController {
  constructor(
    private readonly rewards: RewardsService,
    private readonly redeemReward: RedeemRewardUseCase,
  ) {}

  /** Visitors may browse the mall before joining; redeeming needs a member. */
  @Get()
  @MemberAuth({ joined: false })
  list(@Query() query: RewardsQuery): Promise<Page<Reward>> {
    return this.rewards.onSale(query.cursor, query.limit ?? 20);
  }

  @Get(':id')
  @MemberAuth({ joined: false })
  detail(@Param('id', ParseIntPipe) id: number): Promise<Reward> {
    return this.rewards.detail(id);
  }

  @Post(':id/redemptions')
  @MemberAuth()
  redeem(@CurrentMember() member: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<Outcome<Redemption>> {
    return this.redeemReward.execute(member.memberId as number, id);
  }
}
