import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { Member360Repository } from './member-360.repository';
import { Member360Service } from './member-360.service';
import { StaffMember360Controller } from './staff-member-360.controller';

@Module({ imports: [TagsModule], controllers: [StaffMember360Controller], providers: [Member360Repository, Member360Service] })
export class Member360Module {}
