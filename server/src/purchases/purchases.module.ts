import { Module } from '@nestjs/common';
import { PurchasesController } from './purchases.controller';
import { PayWithPointsUseCase } from './usecases/pay-with-points.usecase';
import { RecordPurchaseUseCase } from './usecases/record-purchase.usecase';
import { RefundPurchaseUseCase } from './usecases/refund-purchase.usecase';

@Module({ controllers: [PurchasesController], providers: [RecordPurchaseUseCase, RefundPurchaseUseCase, PayWithPointsUseCase] })
export class PurchasesModule {}
