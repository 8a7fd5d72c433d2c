import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BulkTagResult, Page, SegmentFieldInfo, SegmentMemberRow, SegmentPreview, SegmentRuleGroup, SegmentSnapshotView, SegmentView, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { SaveSegmentBody, SegmentMembersQuery, SegmentRulesBody, SegmentTaggingBody } from './dto/segment.dto';
import { segmentView, SegmentsService } from './segments.service';
import { ManageSegmentsUseCase } from './usecases/manage-segments.usecase';

const asTree = (rules: Record<string, unknown>) => rules as unknown as SegmentRuleGroup;

@ApiTags('staff: segments')
@Controller('api/v1/staff')
export class StaffSegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly manage: ManageSegmentsUseCase,
  ) {}

  @Get('segment-fields')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  fields(): Promise<SegmentFieldInfo[]> {
    return this.segments.fields();
  }

  /** The live count of an unsaved tree, as the builder changes it. */
  @Post('segments/preview')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  previewRules(@CurrentStaff() staff: StaffPrincipal, @Body() body: SegmentRulesBody): Promise<SegmentPreview> {
    return this.segments.preview(staff, body.rules);
  }

  @Get('segments')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(@CurrentStaff() staff: StaffPrincipal): Promise<SegmentView[]> {
    return this.segments.list(staff);
  }

  @Post('segments')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: SaveSegmentBody, @RequestId() requestId: string): Promise<SegmentView> {
    return this.manage.create(staff, { ...body, rules: asTree(body.rules) }, requestId);
  }

  @Get('segments/:id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  async get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<SegmentView> {
    return segmentView(await this.segments.get(staff, id));
  }

  @Put('segments/:id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: SaveSegmentBody, @RequestId() requestId: string): Promise<SegmentView> {
    return this.manage.update(staff, id, { ...body, rules: asTree(body.rules) }, requestId);
  }

  @Delete('segments/:id')
  @HttpCode(204)
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<void> {
    return this.manage.remove(staff, id, requestId);
  }

  @Get('segments/:id/preview')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  async preview(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<SegmentPreview> {
    const segment = await this.segments.get(staff, id);
    return this.segments.preview(staff, JSON.parse(segment.rulesJson) as unknown);
  }

  @Get('segments/:id/members')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  members(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Query() query: SegmentMembersQuery): Promise<Page<SegmentMemberRow>> {
    return this.segments.members(staff, id, query.cursor, query.limit ?? 20);
  }

  @Post('segments/:id/snapshots')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  snapshot(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<SegmentSnapshotView> {
    return this.manage.snapshot(staff, id, requestId);
  }

  /** Bulk tag or untag the segment's members as they are now. */
  @Post('segments/:id/tagging')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  tagging(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: SegmentTaggingBody, @RequestId() requestId: string): Promise<BulkTagResult> {
    return this.manage.tagMembers(staff, id, body.tagId, body.action, requestId);
  }
}
