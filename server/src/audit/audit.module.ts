import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditTrail } from './audit-trail';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AuditTrail, AuditQueryService], exports: [AuditTrail] })
export class AuditModule {}
