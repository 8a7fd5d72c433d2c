import { CouponStatus, CouponTemplateSort } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay, IsInstant } from '../../common/http/validators';


export class WalletQuery {
  @IsOptional() @IsIn(Object.values(CouponStatus)) status?: CouponStatus;
  @IsOptional() @Matches(/^\d+$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class VerifyCouponBody {
  @IsString() @Length(1, 32) code: string;
}

export class IssueCouponBody {
  @Matches(/^[\d ]{12,15}$/, { message: 'memberCardNo must be a 12-digit card number' }) memberCardNo: string;
  @IsInt() @Min(1) templateId: number;
  @IsString() @Length(2, 120) reason: string;
}

export class VerificationsQuery {
  @IsOptional() @Matches(/^[A-Z0-9]{2,16}$/, { message: 'storeCode must be a store code like S001' }) storeCode?: string;
  @IsOptional() @IsCalendarDay() date?: string;
  @IsOptional() @Matches(/^\d+$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
}

export class SettlementQuery {
  @IsCalendarDay() from: string;
  @IsCalendarDay() to: string;
}

export class CouponTemplateQueryDto {
  @IsOptional() @IsString() @Length(0, 64) q?: string;
  @IsOptional() @IsIn(['cash', 'discount', 'gift']) kind?: 'cash' | 'discount' | 'gift';
  @IsOptional() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
  @IsOptional() @IsIn(['hq', 'store']) owner?: 'hq' | 'store';
  @IsOptional() @IsIn(Object.values(CouponTemplateSort)) sort?: CouponTemplateSort;
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class CouponValidityBody {
  @IsIn(['fixed', 'relative']) kind: 'fixed' | 'relative';
  @ValidateIf((v: CouponValidityBody) => v.kind === 'fixed') @IsInstant() from: string;
  @ValidateIf((v: CouponValidityBody) => v.kind === 'fixed') @IsInstant() until: string;
  @ValidateIf((v: CouponValidityBody) => v.kind === 'relative') @IsInt() @Min(1) @Max(3660) days: number;
  @ValidateIf((v: CouponValidityBody) => v.kind === 'relative') @IsBoolean() startsNextDay: boolean;
}

export class CouponTemplateBody {
  @IsString() @Length(1, 64) title: string;
  @IsIn(['cash', 'discount', 'gift']) kind: 'cash' | 'discount' | 'gift';
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(100_000_00) amountCents?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(100_000_00) minSpendCents?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(10) @Max(99) ratePercent?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(100_000_00) capCents?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 64) giftDescription?: string | null;
  @IsObject() @ValidateNested() @Type(() => CouponValidityBody) validity: CouponValidityBody;
  @IsIn(['all', 'listed', 'issuing']) storeScope: 'all' | 'listed' | 'issuing';
  @IsOptional() @ArrayMaxSize(200) @Matches(/^[A-Z0-9]{2,16}$/, { each: true, message: 'storeCodes must be store codes like S001' }) storeCodes?: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) totalStock?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(1000) perMemberLimit?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(100) perMemberDailyLimit?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(20) minTierRank?: number | null;
  @IsOptional() @IsString() @Length(0, 1000) usageNotes?: string;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class CouponSettingsBody {
  @IsInt() @Min(0) @Max(24 * 60) undoWindowMinutes: number;
  @IsBoolean() managersMayCreateTemplates: boolean;
}
