import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Member360, MemberNoteView, Page } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { AddMemberNoteBody, NotesQuery } from './dto/member-360.dto';
import { Member360Service } from './member-360.service';

@ApiTags('staff: member 360')
@Controller('api/v1/staff/members')
export class StaffMember360Controller {
  constructor(private readonly member360: Member360Service) {}

  @Get(':id/360')
  @StaffAuth()
  get(@Param('id', ParseIntPipe) id: number): Promise<Member360> {
    return this.member360.get(id);
  }

  @Get(':id/notes')
  @StaffAuth()
  notes(@Param('id', ParseIntPipe) id: number, @Query() query: NotesQuery): Promise<Page<MemberNoteView>> {
    return this.member360.notes(id, query.cursor);
  }

  @Post(':id/notes')
  @StaffAuth()
  addNote(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: AddMemberNoteBody, @RequestId() requestId: string): Promise<MemberNoteView> {
    return this.member360.addNote(staff, id, body.body, requestId);
  }
}
