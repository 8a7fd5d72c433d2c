import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountedPage, MemberListItem, MemberSummary, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { AssignClerkBody, MemberListQueryDto, MemberLookupQuery, TransferMembersBody } from './dto/member.dto';
import { MemberDirectoryService } from './member-directory.service';
import { MembersService } from './members.service';
import { MaintainingClerkUseCase } from './usecases/maintaining-clerk.usecase';

@ApiTags('staff: members')
@Controller('api/v1/staff')
export class StaffMembersController {
  constructor(
    private readonly members: MembersService,
    private readonly clerks: MaintainingClerkUseCase,
    private readonly directory: MemberDirectoryService,
  ) {}

  @Get('members')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: MemberListQueryDto): Promise<CountedPage<MemberListItem>> {
    return this.directory.list(staff, query);
  }

  @Get('members/lookup')
  @StaffAuth()
  lookup(@Query() query: MemberLookupQuery): Promise<MemberSummary> {
    return this.members.lookup(query);
  }

  @Put('members/:id/clerk')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  assignClerk(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: AssignClerkBody, @RequestId() requestId: string): Promise<MemberSummary> {
    return this.clerks.assign(staff, id, body.clerkId, requestId);
  }

  @Post('clerk-transfers')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  transfer(@CurrentStaff() staff: StaffPrincipal, @Body() body: TransferMembersBody, @RequestId() requestId: string): Promise<{ moved: number }> {
    return this.clerks.transfer(staff, body.fromClerkId, body.toClerkId, requestId);
  }
}
