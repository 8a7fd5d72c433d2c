import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { StoresModule } from '../stores/stores.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { PurchasesController } from './purchases.controller';
import { PurchasesRepository } from './purchases.repository';
import { PayWithPointsUseCase } from './usecases/pay-with-points.usecase';
import { RecordPurchaseUseCase } from './usecases/record-purchase.usecase';
import { RefundPurchaseUseCase } from './usecases/refund-purchase.usecase';

@Module({ imports: [AuditModule, MembersModule, PointsModule, StoresModule, TiersModule, TagsModule], controllers: [PurchasesController], providers: [PurchasesRepository, RecordPurchaseUseCase, RefundPurchaseUseCase, PayWithPointsUseCase], exports: [PurchasesRepository] })
export class PurchasesModule {}
