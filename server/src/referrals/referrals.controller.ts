import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MyReferrals } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { ReferralPoster } from './referral-poster';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly poster: ReferralPoster,
  ) {}

  @Get('me')
  @MemberAuth()
  mine(@CurrentMember() member: MemberPrincipal): Promise<MyReferrals> {
    return this.referrals.mine(member.memberId as number);
  }

  @Get('me/poster.png')
  @MemberAuth()
  @Header('Content-Type', 'image/png')
  async posterPng(@CurrentMember() member: MemberPrincipal): Promise<StreamableFile> {
    return new StreamableFile(await this.poster.posterFor(member.memberId as number));
  }
}
