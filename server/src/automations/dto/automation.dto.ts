import { AutomationTiming, UpdateAutomationRequest } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export class AutomationTimingBody implements AutomationTiming {
  @IsInt() @Min(0) @Max(60) days: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'timing.time must be a time of day HH:MM (00:00–23:59)' }) time?: string | null;
}

export class UpdateAutomationBody implements UpdateAutomationRequest {
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) templateId?: number | null;
  @IsOptional() @IsObject() fieldValues?: Record<string, string>;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 128) @Matches(/^[a-z0-9/_-]+$/, { message: 'page must be a mini-program page path such as pages/card/index' }) page?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) couponTemplateId?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) pointsAward?: number;
  @IsOptional() @ValidateNested() @Type(() => AutomationTimingBody) timing?: AutomationTimingBody;
}
