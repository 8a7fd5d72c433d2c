import { Global, Module } from '@nestjs/common';
import { EarningRulesService } from './earning-rules.service';
import { PointsExpiryJob } from './points-expiry.job';
import { PointsLedger } from './points-ledger';
import { PointsController } from './points.controller';
import { PointsService } from './points.service';
import { AdjustPointsUseCase } from './usecases/adjust-points.usecase';

@Global()
@Module({
  controllers: [PointsController],
  providers: [PointsLedger, PointsService, PointsExpiryJob, AdjustPointsUseCase, EarningRulesService],
  exports: [PointsLedger, PointsService, PointsExpiryJob],
})
export class PointsModule {}
