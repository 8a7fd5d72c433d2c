import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { CheckinController } from './checkin.controller';
import { CheckinService } from './checkin.service';
import { StaffCheckinController } from './staff-checkin.controller';
import { CheckInUseCase } from './usecases/check-in.usecase';
import { MakeupCheckinUseCase } from './usecases/makeup-checkin.usecase';

@Module({
  imports: [TagsModule],
  controllers: [CheckinController, StaffCheckinController],
  providers: [CheckinService, CheckInUseCase, MakeupCheckinUseCase],
  exports: [CheckinService],
})
export class CheckinModule {}
