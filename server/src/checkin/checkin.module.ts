import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { ProgrammeModule } from '../programme/programme.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { CheckinController } from './checkin.controller';
import { CheckinRepository } from './checkin.repository';
import { CheckinService } from './checkin.service';
import { StaffCheckinController } from './staff-checkin.controller';
import { CheckInUseCase } from './usecases/check-in.usecase';
import { MakeupCheckinUseCase } from './usecases/makeup-checkin.usecase';

@Module({
  imports: [AuditModule, MembersModule, PointsModule, ProgrammeModule, TiersModule, TagsModule],
  controllers: [CheckinController, StaffCheckinController],
  providers: [CheckinRepository, CheckinService, CheckInUseCase, MakeupCheckinUseCase],
  exports: [CheckinService],
})
export class CheckinModule {}
