import { CareTaskOutcome, CareTaskRule, CareTaskRules, CompleteCareTaskRequest } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '../../common/http/validators';

export class CompleteCareTaskBody implements CompleteCareTaskRequest {
  @IsEnum(CareTaskOutcome) outcome: CareTaskOutcome;
  @IsOptional() @IsString() @Length(0, 500) note?: string;
}

export class CareTaskRuleBody implements CareTaskRule {
  @IsBoolean() enabled: boolean;
  @IsInt() @Min(0) @Max(60) offsetDays: number;
  @IsInt() @Min(1) @Max(60) windowDays: number;
}

export class CareTaskRulesBody implements CareTaskRules {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CareTaskRuleBody) new_member: CareTaskRuleBody;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CareTaskRuleBody) first_purchase: CareTaskRuleBody;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CareTaskRuleBody) birthday: CareTaskRuleBody;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CareTaskRuleBody) dormant: CareTaskRuleBody;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CareTaskRuleBody) spend_drop: CareTaskRuleBody;
}

export class CompletionQuery {
  @IsOptional() @IsCalendarDay() from?: string;
  @IsOptional() @IsCalendarDay() to?: string;
}
