import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { StoresModule } from '../stores/stores.module';
import { TagsModule } from '../tags/tags.module';
import { TiersModule } from '../tiers/tiers.module';
import { Member360Repository } from './member-360.repository';
import { Member360Service } from './member-360.service';
import { StaffMember360Controller } from './staff-member-360.controller';

@Module({ imports: [AuditModule, MembersModule, StoresModule, TagsModule, TiersModule], controllers: [StaffMember360Controller], providers: [Member360Repository, Member360Service] })
export class Member360Module {}
