import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { CampaignsService } from './campaigns.service';
import { CampaignOpenBody } from './dto/campaign.dto';

@ApiTags('member: campaigns')
@Controller('api/v1/campaign-opens')
export class CampaignOpensController {
  constructor(private readonly campaigns: CampaignsService) {}

  /** The mini-program opened a page with campaignId in its query: the member opened that campaign's message. */
  @Post()
  @HttpCode(204)
  @MemberAuth()
  async open(@CurrentMember() member: MemberPrincipal, @Body() body: CampaignOpenBody): Promise<void> {
    await this.campaigns.recordOpen(member.memberId as number, body.campaignId);
  }
}
