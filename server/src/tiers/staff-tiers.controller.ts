import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CountedPage, StaffRole, Tier, TierSort } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { TierSettingsService } from './tier-settings.service';

export class TierBenefitsBody {
  @IsInt() @Min(10) @Max(100) discountPercent: number;
  @IsNumber() @Min(1) @Max(10) pointsMultiplier: number;
  @IsInt() @Min(0) @Max(100000) birthdayBonusPoints: number;
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 40, { each: true }) perks: string[];
}

export class TierBody {
  @IsString() @Length(1, 32) name: string;
  @IsInt() @Min(1) @Max(20) rank: number;
  @IsInt() @Min(0) entryGrowth: number;
  @IsInt() @Min(0) retainGrowth: number;
  @IsObject() @ValidateNested() @Type(() => TierBenefitsBody) benefits: TierBenefitsBody;
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'cardColor must be a colour like #c9a14a' }) cardColor: string;
}

export class TierQueryDto {
  @IsOptional() @IsString() @Length(0, 32) q?: string;
  @IsOptional() @IsIn(Object.values(TierSort)) sort?: TierSort;
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

@ApiTags('staff: tiers')
@Controller('api/v1/staff/tiers')
export class StaffTiersController {
  constructor(private readonly settings: TierSettingsService) {}

  @Get()
  @StaffAuth()
  list(@Query() query: TierQueryDto): Promise<CountedPage<Tier>> {
    return this.settings.list(query);
  }

  @Put(':code')
  @StaffAuth(StaffRole.HQ_ADMIN)
  upsert(@CurrentStaff() staff: StaffPrincipal, @Param('code') code: string, @Body() body: TierBody, @RequestId() requestId: string): Promise<Tier> {
    return this.settings.upsert(staff, { ...body, code }, requestId);
  }
}
