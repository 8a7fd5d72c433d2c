import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ImportJob, ImportRejection, Page, StaffRole } from '@huiyuan/shared-types';
import type { FastifyRequest } from 'fastify';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { RejectionsQuery } from './dto/transfer.dto';
import { importFileInvalid } from './transfers.errors';
import { MemberImportUseCase } from './usecases/member-import.usecase';

@ApiTags('staff: imports')
@Controller('api/v1/staff/imports')
export class StaffImportsController {
  constructor(private readonly imports: MemberImportUseCase) {}

  /** multipart/form-data with one part `file` (.xlsx or .csv); queues the dry run. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @StaffAuth(StaffRole.HQ_ADMIN)
  async upload(@CurrentStaff() staff: StaffPrincipal, @Req() request: FastifyRequest): Promise<ImportJob> {
    const part = request.isMultipart() ? await request.file() : undefined;
    if (!part || part.fieldname !== 'file') throw importFileInvalid('请以 multipart/form-data 上传一个名为 file 的文件（.xlsx 或 .csv）');
    return this.imports.upload(staff, part.filename, part.file);
  }

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(@CurrentStaff() staff: StaffPrincipal): Promise<ImportJob[]> {
    return this.imports.list(staff);
  }

  @Get(':id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<ImportJob> {
    return this.imports.get(staff, id);
  }

  /** The dry run's rejected rows, in row order; the cursor is the last row number seen. */
  @Get(':id/rejections')
  @StaffAuth(StaffRole.HQ_ADMIN)
  rejections(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Query() query: RejectionsQuery): Promise<Page<ImportRejection>> {
    return this.imports.rejections(staff, id, query.after ?? 0, query.limit ?? 100);
  }

  /** Imports a file whose dry run rejected nothing. */
  @Post(':id/start')
  @HttpCode(200)
  @StaffAuth(StaffRole.HQ_ADMIN)
  start(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @RequestId() requestId: string): Promise<ImportJob> {
    return this.imports.start(staff, id, requestId);
  }
}
