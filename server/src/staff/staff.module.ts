import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoresModule } from '../stores/stores.module';
import { StaffController } from './staff.controller';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffDirectoryRepository } from './staff-directory.repository';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({ imports: [AuditModule, StoresModule], controllers: [StaffController], providers: [StaffRepository, StaffService, StaffAccountsService, StaffDirectoryRepository], exports: [StaffRepository, StaffService] })
export class StaffModule {}
