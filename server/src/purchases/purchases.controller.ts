import { Body, Controller, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PurchaseResult, RefundResult } from '@huiyuan/shared-types';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { Outcome } from '../common/http/outcome';
import { PayWithPointsUseCase, PointsPaymentResult } from './usecases/pay-with-points.usecase';
import { RecordPurchaseUseCase } from './usecases/record-purchase.usecase';
import { RefundPurchaseUseCase } from './usecases/refund-purchase.usecase';

export class PurchaseBody {
  @IsOptional() @Matches(/^\d{18}$/, { message: 'memberCode must be the 18 digits under the member QR code' }) memberCode?: string;
  @IsOptional() @Matches(/^8\d{11}$/, { message: 'cardNo must be a 12-digit card number' }) cardNo?: string;
  @IsInt() @Min(1) @Max(100_000_000) amountCents: number;
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'orderNo must be 1–64 letters, digits, _ or -' }) orderNo: string;
}

/** Spending takes the member's rotating code, as a payment code does: a card number is printed and shared. */
export class PointsPaymentBody {
  @Matches(/^\d{18}$/, { message: 'memberCode must be the 18 digits under the member QR code (a card number cannot spend points)' }) memberCode: string;
  @IsInt() @Min(1) @Max(10_000_000) points: number;
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'orderNo must be 1–64 letters, digits, _ or -' }) orderNo: string;
}

export class RefundBody {
  @IsInt() @Min(1) @Max(100_000_000) amountCents: number;
}

@ApiTags('staff: purchases')
@Controller('api/v1/staff')
export class PurchasesController {
  constructor(
    private readonly record: RecordPurchaseUseCase,
    private readonly refund: RefundPurchaseUseCase,
    private readonly payWithPoints: PayWithPointsUseCase,
  ) {}

  @Post('points-payments')
  @StaffAuth()
  pay(@CurrentStaff() staff: StaffPrincipal, @Body() body: PointsPaymentBody): Promise<Outcome<PointsPaymentResult>> {
    return this.payWithPoints.execute(staff, body);
  }

  @Post('purchases')
  @StaffAuth()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: PurchaseBody): Promise<Outcome<PurchaseResult>> {
    return this.record.execute(staff, body);
  }

  @Post('purchases/:id/refunds')
  @StaffAuth()
  createRefund(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: RefundBody, @RequestId() requestId: string): Promise<RefundResult> {
    return this.refund.execute(staff, id, body.amountCents, requestId);
  }
}
