import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CampaignAudience, CampaignResults, CampaignView, Page, PlaceholderInfo, StaffRole, TestSendResult } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CampaignsService } from './campaigns.service';
import { CampaignListQuery, SaveCampaignBody } from './dto/campaign.dto';
import { ManageCampaignsUseCase } from './usecases/manage-campaigns.usecase';

/** Template-message campaigns are HQ's: they reach members across every store. */
@ApiTags('staff: campaigns')
@Controller('api/v1/staff')
export class StaffCampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly manage: ManageCampaignsUseCase,
  ) {}

  @Get('campaign-placeholders')
  @StaffAuth(StaffRole.HQ_ADMIN)
  placeholders(): PlaceholderInfo[] {
    return this.campaigns.placeholders();
  }

  @Get('campaigns')
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(@Query() query: CampaignListQuery): Promise<Page<CampaignView>> {
    return this.campaigns.list(query.before, query.limit ?? 20);
  }

  @Post('campaigns')
  @StaffAuth(StaffRole.HQ_ADMIN)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: SaveCampaignBody, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.create(staff, body, requestId);
  }

  @Get('campaigns/:id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  get(@Param('id', ParseIntPipe) id: number): Promise<CampaignView> {
    return this.campaigns.view(id);
  }

  @Put('campaigns/:id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: SaveCampaignBody, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.update(staff, id, body, requestId);
  }

  /** Who it would reach now, and the message rendered for three of them. */
  @Get('campaigns/:id/audience')
  @StaffAuth(StaffRole.HQ_ADMIN)
  audience(@Param('id', ParseIntPipe) id: number): Promise<CampaignAudience> {
    return this.campaigns.audience(id);
  }

  @Post('campaigns/:id/test-send')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  testSend(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<TestSendResult> {
    return this.manage.testSend(staff, id);
  }

  @Post('campaigns/:id/launch')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  launch(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.launch(staff, id, requestId);
  }

  @Post('campaigns/:id/pause')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  pause(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.pause(staff, id, requestId);
  }

  @Post('campaigns/:id/resume')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  resume(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.resume(staff, id, requestId);
  }

  @Post('campaigns/:id/cancel')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<CampaignView> {
    return this.manage.cancel(staff, id, requestId);
  }

  /** Live progress while sending, and the outcome after. */
  @Get('campaigns/:id/results')
  @StaffAuth(StaffRole.HQ_ADMIN)
  results(@Param('id', ParseIntPipe) id: number): Promise<CampaignResults> {
    return this.campaigns.results(id);
  }
}
