import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StoresModule } from '../stores/stores.module';
import { EarningRulesService } from './earning-rules.service';
import { PointsExpiryJob } from './points-expiry.job';
import { PointsLedger } from './points-ledger';
import { PointsController } from './points.controller';
import { PointsService } from './points.service';
import { AdjustPointsUseCase } from './usecases/adjust-points.usecase';
import { WelcomePoints } from './welcome-points';

@Module({
  imports: [AuditModule, MembersModule, ProgrammeModule, StoresModule],
  controllers: [PointsController],
  providers: [PointsLedger, PointsService, PointsExpiryJob, AdjustPointsUseCase, EarningRulesService, WelcomePoints],
  exports: [PointsLedger, PointsService, PointsExpiryJob],
})
export class PointsModule {}
