import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

/** The rule tree itself is checked against the field registry by the compiler, which names any problem. */
export class SegmentRulesBody {
  @IsObject() rules: Record<string, unknown>;
}

export class SaveSegmentBody extends SegmentRulesBody {
  @IsString() @Length(1, 64) name: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(0, 200) description?: string | null;
}

export class SegmentTaggingBody {
  @IsInt() @Min(1) tagId: number;
  @IsIn(['add', 'remove']) action: 'add' | 'remove';
}

export class SegmentMembersQuery {
  @IsOptional() @IsString() @Length(1, 20) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
