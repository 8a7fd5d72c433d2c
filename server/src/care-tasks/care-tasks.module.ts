import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StaffModule } from '../staff/staff.module';
import { CareTaskGenerationJob } from './care-task-generation.job';
import { CareTasksRepository } from './care-tasks.repository';
import { CareTasksService } from './care-tasks.service';
import { StaffCareTasksController } from './staff-care-tasks.controller';
import { CareTasksUseCase } from './usecases/care-tasks.usecase';

/** The maintaining clerk's care tasks: made hourly from members' moments, worked in the counter tool. */
@Module({
  imports: [AuditModule, ProgrammeModule, StaffModule],
  controllers: [StaffCareTasksController],
  providers: [CareTasksRepository, CareTasksService, CareTasksUseCase, CareTaskGenerationJob],
  exports: [CareTaskGenerationJob],
})
export class CareTasksModule {}
