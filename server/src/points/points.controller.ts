import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdjustPointsResult, EarningRules, ExpiringPoints, LedgerEntry, LIMITS, Page, StaffRole } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CurrentMember, CurrentStaff, MemberAuth, RequestId, StaffAuth } from '../common/auth/guards';
import type { MemberPrincipal, StaffPrincipal } from '../common/auth/principal';
import { EarningRulesService } from './earning-rules.service';
import { PointsService } from './points.service';
import { AdjustPointsUseCase } from './usecases/adjust-points.usecase';

export class LedgerQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) cursor?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ExpiringQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3660) days?: number;
}

export class AdjustPointsBody {
  @IsInt() @Min(-1_000_000) @Max(1_000_000) delta: number;
  @IsString() @Length(2, 100) reason: string;
}

export class ExpiryPolicyBody {
  @IsIn(['never', 'months_after_earning', 'end_of_next_year']) kind: 'never' | 'months_after_earning' | 'end_of_next_year';
  @ValidateIf((o: ExpiryPolicyBody) => o.kind === 'months_after_earning') @IsInt() @Min(1) @Max(120) months?: number;
}

export class MemberDayBody {
  @IsInt() @Min(1) @Max(7) weekday: number;
  @IsInt() @Min(100) @Max(1000) multiplierPct: number;
}

export class EarningRulesBody {
  @IsInt() @Min(0) @Max(1000) pointsPerYuan: number;
  @IsInt() @Min(0) @Max(100000) welcomePoints: number;
  @IsObject() @ValidateNested() @Type(() => ExpiryPolicyBody) expiry: ExpiryPolicyBody;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => MemberDayBody) memberDay: MemberDayBody | null;
  @IsInt() @Min(0) @Max(1000) growthPerYuan: number;
  @IsIn(['rolling_12_months', 'calendar_year']) growthWindow: 'rolling_12_months' | 'calendar_year';
  /** Left out: unchanged. */
  @IsOptional() @IsInt() @Min(LIMITS.earning.costPer100PointsCents[0]) @Max(LIMITS.earning.costPer100PointsCents[1]) costPer100PointsCents?: number;
}

@ApiTags('points')
@Controller('api/v1')
export class PointsController {
  constructor(
    private readonly points: PointsService,
    private readonly adjust: AdjustPointsUseCase,
    private readonly earning: EarningRulesService,
  ) {}

  /** What joining gives, for the join page and the prompts a visitor sees. */
  @Get('points/welcome')
  @MemberAuth({ joined: false })
  async welcome(): Promise<{ welcomePoints: number }> {
    return { welcomePoints: (await this.earning.get()).welcomePoints };
  }

  @Get('points/ledger')
  @MemberAuth()
  ledger(@CurrentMember() member: MemberPrincipal, @Query() query: LedgerQuery): Promise<Page<LedgerEntry>> {
    return this.points.ledger(member.memberId as number, query.cursor, query.limit ?? 20);
  }

  @Get('points/expiring')
  @MemberAuth()
  async expiring(@CurrentMember() member: MemberPrincipal, @Query() query: ExpiringQuery): Promise<{ items: ExpiringPoints[] }> {
    return { items: await this.points.expiringSoon(member.memberId as number, query.days ?? 90) };
  }

  @Get('staff/members/:id/points-ledger')
  @StaffAuth()
  memberLedger(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Query() query: LedgerQuery): Promise<Page<LedgerEntry>> {
    return this.points.staffLedger(staff, id, query.cursor, query.limit ?? 20);
  }

  @Post('staff/members/:id/points-adjustments')
  @StaffAuth(StaffRole.HQ_ADMIN)
  adjustPoints(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: AdjustPointsBody, @RequestId() requestId: string): Promise<AdjustPointsResult> {
    return this.adjust.execute(staff, id, body.delta, body.reason, requestId);
  }

  @Get('staff/earning-rules')
  @StaffAuth()
  earningRules(): Promise<EarningRules> {
    return this.earning.get();
  }

  @Put('staff/earning-rules')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  updateEarningRules(@CurrentStaff() staff: StaffPrincipal, @Body() body: EarningRulesBody, @RequestId() requestId: string): Promise<EarningRules> {
    return this.earning.update(staff, body, requestId);
  }
}
