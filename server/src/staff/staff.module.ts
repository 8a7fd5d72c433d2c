import { Global, Module } from '@nestjs/common';
import { StaffController } from './staff.controller';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffDirectoryRepository } from './staff-directory.repository';
import { StaffService } from './staff.service';

@Global()
@Module({ controllers: [StaffController], providers: [StaffService, StaffAccountsService, StaffDirectoryRepository], exports: [StaffService] })
export class StaffModule {}
