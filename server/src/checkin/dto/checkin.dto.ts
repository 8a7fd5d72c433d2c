import { CheckinCycle } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDay, IsCalendarMonth } from '../../common/http/validators';

export class CalendarQuery {
  @IsOptional() @IsCalendarMonth() month?: string;
}

export class MakeupBody {
  @IsCalendarDay() date: string;
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
