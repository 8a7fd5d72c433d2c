import { CheckinCycle } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CalendarQuery {
  @IsOptional() @Matches(MONTH, { message: 'month must look like 2026-03' }) month?: string;
}

export class MakeupBody {
  @Matches(DAY, { message: 'date must be a day like 2026-03-05' }) date: string;
}

export class StreakBonusBody {
  @IsInt() @Min(2) @Max(366) day: number;
  @IsInt() @Min(1) @Max(100000) points: number;
}

export class CheckinRulesBody {
  @IsInt() @Min(0) @Max(100000) basePoints: number;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => StreakBonusBody) streakBonuses: StreakBonusBody[];
  @IsIn(Object.values(CheckinCycle)) cycle: CheckinCycle;
  @IsInt() @Min(0) @Max(100000) growthPerCheckin: number;
  @IsBoolean() applyTierMultiplier: boolean;
  @IsBoolean() makeupEnabled: boolean;
  @IsInt() @Min(0) @Max(100000) makeupCostPoints: number;
  @IsInt() @Min(0) @Max(31) makeupPerMonth: number;
}
