import { Module } from '@nestjs/common';
import { PurchasesController } from './purchases.controller';
import { RecordPurchaseUseCase } from './usecases/record-purchase.usecase';
import { RefundPurchaseUseCase } from './usecases/refund-purchase.usecase';

@Module({ controllers: [PurchasesController], providers: [RecordPurchaseUseCase, RefundPurchaseUseCase] })
export class PurchasesModule {}
