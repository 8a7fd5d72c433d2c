import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoresModule } from '../stores/stores.module';
import { StaffController } from './staff.controller';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffDirectoryRepository } from './staff-directory.repository';
import { StaffService } from './staff.service';

@Module({ imports: [AuditModule, StoresModule], controllers: [StaffController], providers: [StaffService, StaffAccountsService, StaffDirectoryRepository], exports: [StaffService] })
export class StaffModule {}
