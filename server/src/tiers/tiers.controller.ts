import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Tier } from '@huiyuan/shared-types';
import { MemberAuth } from '../common/auth/guards';
import { TiersService } from './tiers.service';

@ApiTags('tiers')
@Controller('api/v1/tiers')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  /** The ladder and each tier's benefits and card colour: what a visitor weighs before joining. */
  @Get()
  @MemberAuth({ joined: false })
  async list(): Promise<Tier[]> {
    return (await this.tiers.all()).map((tier) => this.tiers.toView(tier));
  }
}
