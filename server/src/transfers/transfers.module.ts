import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { SegmentsModule } from '../segments/segments.module';
import { StoresModule } from '../stores/stores.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { ExportReadsRepository } from './export-reads.repository';
import { StaffExportsController } from './staff-exports.controller';
import { StaffImportsController } from './staff-imports.controller';
import { TransferFiles } from './transfer-files';
import { TransfersCleanupJob } from './transfers-cleanup.job';
import { TransfersRepository } from './transfers.repository';
import { ExportUseCase } from './usecases/export.usecase';
import { MemberImportUseCase } from './usecases/member-import.usecase';

/** Excel exports and member imports for the console. */
@Module({
  imports: [AuditModule, CampaignsModule, MembersModule, PointsModule, SegmentsModule, StoresModule, TagsModule, TiersModule],
  controllers: [StaffExportsController, StaffImportsController],
  providers: [TransfersRepository, ExportReadsRepository, TransferFiles, TransfersCleanupJob, ExportUseCase, MemberImportUseCase],
})
export class TransfersModule {}
