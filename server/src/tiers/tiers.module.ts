import { Global, Module } from '@nestjs/common';
import { StaffTiersController } from './staff-tiers.controller';
import { TierSettingsService } from './tier-settings.service';
import { TiersService } from './tiers.service';

@Global()
@Module({ controllers: [StaffTiersController], providers: [TiersService, TierSettingsService], exports: [TiersService, TierSettingsService] })
export class TiersModule {}
