import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JoinResponse, MemberCard, MemberCode, MemberProfile, PrivacyNotice, WechatLoginResponse } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { Outcome } from '../common/http/outcome';
import { RateLimit } from '../common/rate-limit/rate-limiter';
import { BindPhoneBody, JoinBody, UpdateProfileBody, WechatLoginBody } from './dto/member.dto';
import { MembersService } from './members.service';
import { JoinMemberUseCase } from './usecases/join-member.usecase';

@ApiTags('members')
@Controller('api/v1')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly joinMember: JoinMemberUseCase,
  ) {}

  @Post('auth/wechat')
  @HttpCode(200)
  @RateLimit('wechat-login')
  login(@Body() body: WechatLoginBody): Promise<WechatLoginResponse> {
    return this.members.loginWithWechat(body.code);
  }

  @Get('privacy-notice')
  privacyNotice(): PrivacyNotice {
    return this.members.privacyNotice();
  }

  @Post('members')
  @MemberAuth({ joined: false })
  // Below the auth decorator so that it runs first (guards run in the order the decorators apply, bottom up).
  @RateLimit('join')
  join(@CurrentMember() visitor: MemberPrincipal, @Body() body: JoinBody): Promise<Outcome<JoinResponse>> {
    return this.joinMember.execute(visitor, body.scene, body.consentVersion);
  }

  @Get('members/me')
  @MemberAuth()
  card(@CurrentMember() member: MemberPrincipal): Promise<MemberCard> {
    return this.members.card(member.memberId as number);
  }

  @Get('members/me/code')
  @MemberAuth()
  code(@CurrentMember() member: MemberPrincipal): Promise<MemberCode> {
    return this.members.code(member.memberId as number);
  }

  @Get('members/me/profile')
  @MemberAuth()
  profile(@CurrentMember() member: MemberPrincipal): Promise<MemberProfile> {
    return this.members.profile(member.memberId as number);
  }

  @Patch('members/me/profile')
  @MemberAuth()
  updateProfile(@CurrentMember() member: MemberPrincipal, @Body() body: UpdateProfileBody): Promise<MemberProfile> {
    return this.members.updateProfile(member.memberId as number, body);
  }

  @Post('members/me/phone')
  @HttpCode(200)
  @MemberAuth()
  bindPhone(@CurrentMember() member: MemberPrincipal, @Body() body: BindPhoneBody): Promise<MemberProfile> {
    return this.members.bindPhone(member.memberId as number, body.code);
  }

  @Get('members/me/export')
  @MemberAuth()
  exportData(@CurrentMember() member: MemberPrincipal): Promise<Record<string, unknown>> {
    return this.members.exportData(member.memberId as number);
  }

  @Delete('members/me')
  @HttpCode(204)
  @MemberAuth()
  deleteAccount(@CurrentMember() member: MemberPrincipal): Promise<void> {
    return this.members.deleteAccount(member.memberId as number);
  }
}
