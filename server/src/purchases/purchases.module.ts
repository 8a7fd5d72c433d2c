import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { PurchasesController } from './purchases.controller';
import { PayWithPointsUseCase } from './usecases/pay-with-points.usecase';
import { RecordPurchaseUseCase } from './usecases/record-purchase.usecase';
import { RefundPurchaseUseCase } from './usecases/refund-purchase.usecase';

@Module({ imports: [TagsModule], controllers: [PurchasesController], providers: [RecordPurchaseUseCase, RefundPurchaseUseCase, PayWithPointsUseCase] })
export class PurchasesModule {}
