import { Global, Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { MemberAccountRepository } from './member-accounts.repository';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { PhoneVault } from './phone-vault';
import { StaffMembersController } from './staff-members.controller';
import { TierEvaluationJob } from './tier-evaluation.job';
import { JoinMemberUseCase } from './usecases/join-member.usecase';
import { MaintainingClerkUseCase } from './usecases/maintaining-clerk.usecase';

@Global()
@Module({
  imports: [WechatModule],
  controllers: [MembersController, StaffMembersController],
  providers: [MembersService, MemberAccountRepository, TierEvaluationJob, PhoneVault, JoinMemberUseCase, MaintainingClerkUseCase],
  exports: [MembersService, MemberAccountRepository, TierEvaluationJob],
})
export class MembersModule {}
