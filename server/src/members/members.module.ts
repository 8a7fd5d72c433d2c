import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammeModule } from '../programme/programme.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { WechatModule } from '../wechat/wechat.module';
import { MemberAccountRepository } from './member-accounts.repository';
import { MemberDirectoryRepository } from './member-directory.repository';
import { MemberDirectoryService } from './member-directory.service';
import { MemberLifecycle } from './member-lifecycle';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { PhoneVault } from './phone-vault';
import { StaffMembersController } from './staff-members.controller';
import { StaffTierPreviewController } from './staff-tier-preview.controller';
import { TierEvaluationJob } from './tier-evaluation.job';
import { TierThresholdPreview } from './tier-threshold-preview';
import { JoinMemberUseCase } from './usecases/join-member.usecase';
import { MaintainingClerkUseCase } from './usecases/maintaining-clerk.usecase';

@Module({
  imports: [AuditModule, ProgrammeModule, StaffModule, StoresModule, TagsModule, TiersModule, WechatModule],
  controllers: [MembersController, StaffMembersController, StaffTierPreviewController],
  providers: [MembersRepository, MembersService, MemberAccountRepository, MemberLifecycle, TierEvaluationJob, TierThresholdPreview, PhoneVault, JoinMemberUseCase, MaintainingClerkUseCase, MemberDirectoryRepository, MemberDirectoryService],
  exports: [MembersRepository, MembersService, MemberAccountRepository, MemberLifecycle, TierEvaluationJob, PhoneVault],
})
export class MembersModule {}
