import { Global, Module } from '@nestjs/common';
import { StaffTiersController } from './staff-tiers.controller';
import { TierEvaluationJob } from './tier-evaluation.job';
import { TierProgression } from './tier-progression';
import { TierSettingsService } from './tier-settings.service';
import { TiersController } from './tiers.controller';
import { TiersService } from './tiers.service';

@Global()
@Module({ controllers: [StaffTiersController, TiersController], providers: [TiersService, TierSettingsService, TierProgression, TierEvaluationJob], exports: [TiersService, TierSettingsService, TierProgression, TierEvaluationJob] })
export class TiersModule {}
