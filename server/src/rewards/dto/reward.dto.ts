import { Type } from 'class-transformer';
import { RewardSort } from '@huiyuan/shared-types';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsInstant } from '../../common/http/validators';

export class RewardsQuery {
  @IsOptional() @Matches(/^-?\d+\.\d+$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class StaffRewardQueryDto {
  @IsOptional() @IsString() @Length(0, 64) q?: string;
  @IsOptional() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
  @IsOptional() @IsIn(Object.values(RewardSort)) sort?: RewardSort;
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class RewardBody {
  @IsString() @Length(1, 64) title: string;
  @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUrl({ require_tld: false }) imageUrl?: string | null;
  @IsInt() @Min(1) @Max(10_000_000) pointsPrice: number;
  @IsInt() @Min(1) couponTemplateId: number;
  @IsInt() @Min(0) @Max(10_000_000) stock: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) perMemberLimit?: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(20) minTierRank?: number | null;
  @IsOptional() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant() onAt?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant() offAt?: string | null;
  @IsOptional() @IsBoolean() active?: boolean;
}
