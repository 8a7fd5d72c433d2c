import { Global, Module } from '@nestjs/common';
import { StaffTiersController } from './staff-tiers.controller';
import { TierSettingsService } from './tier-settings.service';
import { TiersController } from './tiers.controller';
import { TiersService } from './tiers.service';

@Global()
@Module({ controllers: [StaffTiersController, TiersController], providers: [TiersService, TierSettingsService], exports: [TiersService, TierSettingsService] })
export class TiersModule {}
