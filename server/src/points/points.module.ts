import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StoresModule } from '../stores/stores.module';
import { EarningRulesService } from './earning-rules.service';
import { PointsExpiryJob } from './points-expiry.job';
import { PointsLedger } from './points-ledger';
import { PointsController } from './points.controller';
import { PointsRepository } from './points.repository';
import { PointsService } from './points.service';
import { AdjustPointsUseCase } from './usecases/adjust-points.usecase';
import { WelcomePoints } from './welcome-points';

@Module({
  imports: [AuditModule, MembersModule, ProgrammeModule, StoresModule],
  controllers: [PointsController],
  providers: [PointsRepository, PointsLedger, PointsService, PointsExpiryJob, AdjustPointsUseCase, EarningRulesService, WelcomePoints],
  exports: [PointsRepository, PointsLedger, PointsService, PointsExpiryJob, EarningRulesService],
})
export class PointsModule {}
