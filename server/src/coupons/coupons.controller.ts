import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Coupon, CouponDetail, Page } from '@huiyuan/shared-types';
import { CurrentMember, MemberAuth } from '../common/auth/guards';
import type { MemberPrincipal } from '../common/auth/principal';
import { CouponsService } from './coupons.service';
import { WalletQuery } from './dto/coupon.dto';

@ApiTags('coupons')
@Controller('api/v1/coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponsService) {}

  @Get()
  @MemberAuth()
  wallet(@CurrentMember() member: MemberPrincipal, @Query() query: WalletQuery): Promise<Page<Coupon>> {
    return this.coupons.wallet(member.memberId as number, query.status ?? 'active', query.cursor ? Number(query.cursor) : undefined, query.limit ?? 20);
  }

  @Get(':id')
  @MemberAuth()
  detail(@CurrentMember() member: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<CouponDetail> {
    return this.coupons.detail(member.memberId as number, id);
  }
}
