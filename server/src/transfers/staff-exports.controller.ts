import { Body, Controller, Get, Param, ParseIntPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ExportJob, StaffRole } from '@huiyuan/shared-types';
import { createReadStream } from 'node:fs';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { ExportRequestBody } from './dto/transfer.dto';
import { ExportUseCase } from './usecases/export.usecase';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('staff: exports')
@Controller('api/v1/staff/exports')
export class StaffExportsController {
  constructor(private readonly exports: ExportUseCase) {}

  /** Queues an export; the answer is the job, whose progress GET exports/{id} follows. */
  @Post()
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  request(@CurrentStaff() staff: StaffPrincipal, @Body() body: ExportRequestBody, @RequestId() requestId: string): Promise<ExportJob> {
    return this.exports.request(staff, body, requestId);
  }

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(@CurrentStaff() staff: StaffPrincipal): Promise<ExportJob[]> {
    return this.exports.list(staff);
  }

  @Get(':id')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<ExportJob> {
    return this.exports.get(staff, id);
  }

  @Get(':id/file')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  async file(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<StreamableFile> {
    const { path, fileName } = await this.exports.file(staff, id);
    return new StreamableFile(createReadStream(path), { type: XLSX, disposition: `attachment; filename="export-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }
}
