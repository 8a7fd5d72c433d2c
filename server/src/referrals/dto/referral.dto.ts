import { ReferralQualifyingEvent } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

export class ReferralRewardBody {
  @IsOptional() @IsInt() @Min(0) @Max(100000) points?: number;
  @IsOptional() @IsInt() @Min(1) couponTemplateId?: number;
}

export class ReferralRulesBody {
  @IsBoolean() enabled: boolean;
  @IsIn(Object.values(ReferralQualifyingEvent)) qualifyingEvent: ReferralQualifyingEvent;
  @IsObject() @ValidateNested() @Type(() => ReferralRewardBody) referrerReward: ReferralRewardBody;
  @IsObject() @ValidateNested() @Type(() => ReferralRewardBody) refereeReward: ReferralRewardBody;
  @IsInt() @Min(0) @Max(365) refundWindowDays: number;
  @IsInt() @Min(0) @Max(1000) maxRewardsPerReferrerPerDay: number;
  @IsInt() @Min(0) @Max(10000) maxRewardsPerReferrerPerMonth: number;
}

export class ReviewListQuery {
  @IsOptional() @IsString() cursor?: string;
}
