import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StoresModule } from '../stores/stores.module';
import { MemberTagging } from './member-tagging';
import { MemberStatsRepository } from './member-stats.repository';
import { MemberStatsService } from './member-stats.service';
import { RuleTagRefreshJob } from './rule-tag-refresh.job';
import { StaffTagsController } from './staff-tags.controller';
import { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';
import { ManageTagsUseCase } from './usecases/manage-tags.usecase';

/** Tags, member stats and the rule tags they keep true. Purchases, check-ins and coupons import it for MemberStatsService. */
@Module({
  imports: [AuditModule, ProgrammeModule, StoresModule],
  controllers: [StaffTagsController],
  providers: [TagsRepository, MemberStatsRepository, MemberStatsService, TagsService, MemberTagging, ManageTagsUseCase, RuleTagRefreshJob],
  exports: [TagsRepository, MemberStatsRepository, MemberStatsService, TagsService, MemberTagging, RuleTagRefreshJob],
})
export class TagsModule {}
