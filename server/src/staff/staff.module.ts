import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StoresModule } from '../stores/stores.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({ imports: [AuditModule, StoresModule], controllers: [StaffController], providers: [StaffService], exports: [StaffService] })
export class StaffModule {}
