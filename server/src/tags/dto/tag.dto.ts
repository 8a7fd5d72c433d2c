import { IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ArrayMaxSize } from 'class-validator';

const COLOUR = /^(#[0-9a-fA-F]{6}|[a-z]{3,12})$/;

export class CreateTagBody {
  @IsString() @Length(1, 32) name: string;
  @IsOptional() @Matches(COLOUR, { message: 'colour must be #rrggbb or an Ant Design colour name' }) colour?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(0, 200) description?: string | null;
}

export class UpdateTagBody {
  @IsOptional() @IsString() @Length(1, 32) name?: string;
  @IsOptional() @Matches(COLOUR, { message: 'colour must be #rrggbb or an Ant Design colour name' }) colour?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(0, 200) description?: string | null;
}

export class TagRuleSettingsBody {
  @IsOptional() @IsInt() @Min(1) @Max(365) newMemberDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) activeDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1095) dormantDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1095) lostDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) couponUserDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100) declineRatioPct?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) rfmHighScore?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100) daypartMinPurchases?: number;
}

export class MemberIdsBody {
  @IsArray() @ArrayMaxSize(1000) @IsInt({ each: true }) @Min(1, { each: true }) memberIds: number[];
}
