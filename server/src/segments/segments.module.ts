import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoresModule } from '../stores/stores.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { StaffSegmentsController } from './staff-segments.controller';
import { ManageSegmentsUseCase } from './usecases/manage-segments.usecase';

@Module({
  imports: [AuditModule, StoresModule, SubscriptionsModule, TagsModule, TiersModule],
  controllers: [StaffSegmentsController],
  providers: [SegmentsRepository, SegmentsService, ManageSegmentsUseCase],
  exports: [SegmentsService, SegmentsRepository],
})
export class SegmentsModule {}
