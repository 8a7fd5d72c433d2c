import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { StaffSegmentsController } from './staff-segments.controller';
import { ManageSegmentsUseCase } from './usecases/manage-segments.usecase';

@Module({
  imports: [TagsModule],
  controllers: [StaffSegmentsController],
  providers: [SegmentsRepository, SegmentsService, ManageSegmentsUseCase],
  exports: [SegmentsService, SegmentsRepository],
})
export class SegmentsModule {}
