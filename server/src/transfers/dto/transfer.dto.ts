import { ExportDataset } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ExportRequestBody {
  @IsIn(Object.values(ExportDataset)) dataset: ExportDataset;
  @IsOptional() @IsInt() @Min(1) segmentId?: number;
  @IsOptional() @IsInt() @Min(1) campaignId?: number;
  @IsOptional() @IsString() @Length(1, 64) q?: string;
  @IsOptional() @IsString() @Length(1, 32) tierCode?: string;
  @IsOptional() @IsString() @Length(1, 32) storeCode?: string;
  @IsOptional() @Matches(DAY, { message: 'from must be a day like 2026-03-05' }) from?: string;
  @IsOptional() @Matches(DAY, { message: 'to must be a day like 2026-03-05' }) to?: string;
  @IsOptional() @IsBoolean() revealPhones?: boolean;
}

export class RejectionsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
