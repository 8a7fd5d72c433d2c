import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditRecord as AuditRecordView, CountedPage, StaffRole } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
import { StaffAuth } from '../common/auth/guards';
import { AuditQueryService } from './audit-query.service';

export class AuditQueryDto {
  @IsOptional() @IsString() @Length(1, 64) action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) staffId?: number;
  @IsOptional() @IsString() @Length(1, 32) targetType?: string;
  @IsOptional() @IsString() @Length(1, 64) targetId?: string;
  @IsOptional() @Matches(DAY, { message: 'from must be a day like 2026-03-05' }) from?: string;
  @IsOptional() @Matches(DAY, { message: 'to must be a day like 2026-03-05' }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

@ApiTags('staff: audit')
@Controller('api/v1/staff/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(@Query() query: AuditQueryDto): Promise<CountedPage<AuditRecordView>> {
    return this.audit.list(query, query.limit ?? 50);
  }
}
