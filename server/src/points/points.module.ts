import { Global, Module } from '@nestjs/common';
import { PointsLedger } from './points-ledger';

@Global()
@Module({ providers: [PointsLedger], exports: [PointsLedger] })
export class PointsModule {}
