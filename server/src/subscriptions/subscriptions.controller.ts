import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MemberSubscriptionsView } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { SubscribeReportBody } from './dto/subscriptions.dto';
import { SubscriptionsService } from './subscriptions.service';
import { ReportSubscriptionsUseCase } from './usecases/report-subscriptions.usecase';

@ApiTags('subscribe messages')
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly report: ReportSubscriptionsUseCase,
  ) {}

  /** The member's 消息订阅: sends left per template, and the templates each asking moment offers. */
  @Get()
  @MemberAuth()
  mine(@CurrentMember() member: MemberPrincipal): Promise<MemberSubscriptionsView> {
    return this.subscriptions.forMember(member.memberId as number);
  }

  /** What the member answered in wx.requestSubscribeMessage → the updated 消息订阅. */
  @Post('reports')
  @HttpCode(200)
  @MemberAuth()
  async reported(@CurrentMember() member: MemberPrincipal, @Body() body: SubscribeReportBody): Promise<MemberSubscriptionsView> {
    await this.report.execute(member.memberId as number, body);
    return this.subscriptions.forMember(member.memberId as number);
  }
}
