import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthTokens } from './auth/auth-tokens';
import { MemberAuthGuard, StaffAuthGuard } from './auth/guards';
import { TransactionRunner } from './db/transaction-runner';
import { DomainEvents } from './events/domain-events';
import { OutboxRelay } from './events/outbox-relay';
import { IdempotentReplies } from './idempotency/idempotent-replies';
import { Clock } from './time/clock';

/** Cross-cutting services every feature may inject. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: Clock, useValue: clock },
      TransactionRunner,
      AuthTokens,
      MemberAuthGuard,
      StaffAuthGuard,
      DomainEvents,
      OutboxRelay,
      IdempotentReplies,
    ];
    return { module: CoreModule, providers, exports: providers };
  }
}
