import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditTrail } from './audit-trail';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';

@Module({ controllers: [AuditController], providers: [AuditRepository, AuditTrail, AuditQueryService], exports: [AuditTrail] })
export class AuditModule {}
