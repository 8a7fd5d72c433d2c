import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditRecord as AuditRecordView, Page, StaffRole } from '@huiyuan/shared-types';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { StaffAuth } from '../common/auth/guards';
import { AuditQueryService } from './audit-query.service';

export class AuditQuery {
  @IsOptional() @IsString() action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

@ApiTags('staff: audit')
@Controller('api/v1/staff/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(@Query() query: AuditQuery): Promise<Page<AuditRecordView>> {
    return this.audit.list(query.action, query.before, query.limit ?? 50);
  }
}
