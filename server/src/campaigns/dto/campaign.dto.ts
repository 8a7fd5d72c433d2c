import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const PAGE = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*(?:\?[A-Za-z0-9_=&%-]*)?$/;

/** Field values and the template are checked against each other by the use case, which names any problem. */
export class SaveCampaignBody {
  @IsString() @Length(1, 64) name: string;
  @IsInt() @Min(1) templateId: number;
  @IsObject() fieldValues: Record<string, string>;
  @IsString() @Length(1, 120) @Matches(PAGE, { message: 'page must be a mini-program page path such as pages/index/index (no leading slash)' }) page: string;
  @IsInt() @Min(1) segmentId: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) couponTemplateId?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString() sendAt?: string | null;
  @IsOptional() @Matches(CLOCK, { message: 'quietStart must be HH:MM' }) quietStart?: string;
  @IsOptional() @Matches(CLOCK, { message: 'quietEnd must be HH:MM' }) quietEnd?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(50) weeklyCap?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(50) holdoutPercent?: number;
  @IsOptional() @IsInt() @Min(1) @Max(90) attributionDays?: number;
}

export class CampaignListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class CampaignOpenBody {
  @IsInt() @Min(1) campaignId: number;
}
