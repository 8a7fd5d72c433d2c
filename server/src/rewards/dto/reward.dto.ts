import { Type } from 'class-transformer';
import { REWARD_IMAGE_PATH, RewardSort } from '@huiyuan/shared-types';
import { IsBase64, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, isURL, Length, Matches, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { IsInstant } from '../../common/http/validators';

const UPLOADED_IMAGE = new RegExp(`^${REWARD_IMAGE_PATH}[0-9a-f]{32}\\.(png|jpg)$`);

/** An image uploaded here (POST /api/v1/staff/rewards/images) or an http(s) URL HQ hosts elsewhere. */
function IsRewardImageUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRewardImageUrl',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= 255 && (UPLOADED_IMAGE.test(value) || isURL(value, { require_tld: false, require_protocol: true, protocols: ['http', 'https'] })),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an uploaded image (${REWARD_IMAGE_PATH}…) or an http(s) URL of at most 255 characters`,
      },
    },
    options,
  );
}

export class RewardImageBody {
  @IsString() @IsNotEmpty() @IsBase64(undefined, { message: 'data must be the image file, base64-encoded' }) data: string;
}

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
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsRewardImageUrl() imageUrl?: string | null;
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
