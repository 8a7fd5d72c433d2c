import { BirthdayCalendar, Gender, MemberSort } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export class WechatLoginBody {
  @IsString() @Length(1, 128) code: string;
}

export class JoinBody {
  @IsOptional() @IsString() @Length(0, 128) scene?: string;
  @IsString() @Length(1, 16) consentVersion: string;
}

export class BirthdayBody {
  @IsIn(Object.values(BirthdayCalendar)) calendar: BirthdayCalendar;
  @IsInt() @Min(1) @Max(12) month: number;
  @IsInt() @Min(1) @Max(31) day: number;
  @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;
}

export class UpdateProfileBody {
  @IsOptional() @IsString() @Length(0, 32) nickname?: string;
  @IsOptional() @IsIn(Object.values(Gender)) gender?: Gender;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() @ValidateNested() @Type(() => BirthdayBody) birthday?: BirthdayBody | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 32) region?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 32) occupation?: string | null;
}

export class BindPhoneBody {
  @IsString() @Length(1, 128) code: string;
}

export class MemberLookupQuery {
  @IsOptional() @Matches(/^\d{18}$/, { message: 'code must be the 18 digits of a member code' }) code?: string;
  @IsOptional() @Matches(/^[\d ]{12,15}$/, { message: 'cardNo must be a 12-digit card number' }) cardNo?: string;
  @IsOptional() @Matches(/^\+?\d{6,15}$/, { message: 'phone must be digits' }) phone?: string;
}

export class AssignClerkBody {
  @IsInt() @Min(1) clerkId: number;
}

export class TransferMembersBody {
  @IsInt() @Min(1) fromClerkId: number;
  @IsInt() @Min(1) toClerkId: number;
}

export class MemberListQueryDto {
  @IsOptional() @IsString() @Length(0, 64) q?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'tierCode must be a tier code like SILVER' }) tierCode?: string;
  @IsOptional() @Matches(/^[A-Z0-9]{2,16}$/, { message: 'storeCode must be a store code like S001' }) storeCode?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) clerkId?: number;
  @IsOptional() @IsIn(Object.values(MemberSort)) sort?: MemberSort;
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
