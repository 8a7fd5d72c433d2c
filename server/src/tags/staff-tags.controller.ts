import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RuleTagRefreshRun, StaffRole, TagRuleSettings, TagView } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CreateTagBody, TagRuleSettingsBody, UpdateTagBody } from './dto/tag.dto';
import { RuleTagRefreshJob } from './rule-tag-refresh.job';
import { TagsService } from './tags.service';
import { ManageTagsUseCase } from './usecases/manage-tags.usecase';

@ApiTags('staff: tags')
@Controller('api/v1/staff')
export class StaffTagsController {
  constructor(
    private readonly tags: TagsService,
    private readonly manage: ManageTagsUseCase,
    private readonly refreshJob: RuleTagRefreshJob,
  ) {}

  @Get('tags')
  @StaffAuth()
  list(@CurrentStaff() staff: StaffPrincipal): Promise<TagView[]> {
    return this.tags.list(staff);
  }

  @Post('tags')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateTagBody, @RequestId() requestId: string): Promise<TagView> {
    return this.manage.create(staff, body, requestId);
  }

  @Patch('tags/:id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: UpdateTagBody, @RequestId() requestId: string): Promise<TagView> {
    return this.manage.update(staff, id, body, requestId);
  }

  @Delete('tags/:id')
  @HttpCode(204)
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<void> {
    return this.manage.remove(staff, id, requestId);
  }

  @Put('members/:id/tags/:tagId')
  @StaffAuth()
  tagMember(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Param('tagId', ParseIntPipe) tagId: number, @RequestId() requestId: string): Promise<{ changed: boolean }> {
    return this.manage.tagMember(staff, id, tagId, 'add', requestId);
  }

  @Delete('members/:id/tags/:tagId')
  @StaffAuth()
  untagMember(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Param('tagId', ParseIntPipe) tagId: number, @RequestId() requestId: string): Promise<{ changed: boolean }> {
    return this.manage.tagMember(staff, id, tagId, 'remove', requestId);
  }

  @Get('tag-rules')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  ruleSettings(): Promise<TagRuleSettings> {
    return this.tags.ruleSettings();
  }

  @Put('tag-rules')
  @StaffAuth(StaffRole.HQ_ADMIN)
  updateRuleSettings(@CurrentStaff() staff: StaffPrincipal, @Body() body: TagRuleSettingsBody, @RequestId() requestId: string): Promise<TagRuleSettings> {
    return this.manage.updateRuleSettings(staff, body, requestId);
  }

  @Get('tag-rules/last-refresh')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  lastRefresh(): Promise<RuleTagRefreshRun | null> {
    return this.tags.lastRefresh();
  }

  /** HQ runs the nightly recount now (after changing thresholds); null if it is already running. */
  @Post('tag-rules/refresh')
  @StaffAuth(StaffRole.HQ_ADMIN)
  refresh(): Promise<RuleTagRefreshRun | null> {
    return this.refreshJob.run();
  }
}
