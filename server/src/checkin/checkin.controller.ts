import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CheckinCalendar, CheckinResult, MakeupCheckinResult } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { Outcome } from '../common/http/outcome';
import { CheckinService } from './checkin.service';
import { CalendarQuery, MakeupBody } from './dto/checkin.dto';
import { CheckInUseCase } from './usecases/check-in.usecase';
import { MakeupCheckinUseCase } from './usecases/makeup-checkin.usecase';

@ApiTags('check-in')
@Controller('api/v1/checkins')
export class CheckinController {
  constructor(
    private readonly checkins: CheckinService,
    private readonly checkIn: CheckInUseCase,
    private readonly makeup: MakeupCheckinUseCase,
  ) {}

  @Post()
  @MemberAuth()
  today(@CurrentMember() member: MemberPrincipal): Promise<Outcome<CheckinResult>> {
    return this.checkIn.execute(member.memberId as number);
  }

  @Get('calendar')
  @MemberAuth()
  calendar(@CurrentMember() member: MemberPrincipal, @Query() query: CalendarQuery): Promise<CheckinCalendar> {
    return this.checkins.calendar(member.memberId as number, query.month);
  }

  @Post('makeups')
  @MemberAuth()
  makeupDay(@CurrentMember() member: MemberPrincipal, @Body() body: MakeupBody): Promise<Outcome<MakeupCheckinResult>> {
    return this.makeup.execute(member.memberId as number, body.date);
  }
}
