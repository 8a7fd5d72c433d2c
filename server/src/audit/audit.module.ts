import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditTrail } from './audit-trail';

@Global()
@Module({ controllers: [AuditController], providers: [AuditTrail, AuditQueryService], exports: [AuditTrail] })
export class AuditModule {}
