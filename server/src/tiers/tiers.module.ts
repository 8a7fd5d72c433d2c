import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StaffTiersController } from './staff-tiers.controller';
import { TierSettingsService } from './tier-settings.service';
import { TiersController } from './tiers.controller';
import { TiersRepository } from './tiers.repository';
import { TiersService } from './tiers.service';

@Module({ imports: [AuditModule, ProgrammeModule], controllers: [StaffTiersController, TiersController], providers: [TiersRepository, TiersService, TierSettingsService], exports: [TiersService, TierSettingsService] })
export class TiersModule {}
