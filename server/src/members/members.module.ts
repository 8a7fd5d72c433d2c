import { Global, Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { MemberDirectoryRepository } from './member-directory.repository';
import { MemberDirectoryService } from './member-directory.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { PhoneVault } from './phone-vault';
import { StaffMembersController } from './staff-members.controller';
import { JoinMemberUseCase } from './usecases/join-member.usecase';
import { MaintainingClerkUseCase } from './usecases/maintaining-clerk.usecase';

@Global()
@Module({
  imports: [WechatModule],
  controllers: [MembersController, StaffMembersController],
  providers: [MembersService, PhoneVault, JoinMemberUseCase, MaintainingClerkUseCase, MemberDirectoryRepository, MemberDirectoryService],
  exports: [MembersService],
})
export class MembersModule {}
