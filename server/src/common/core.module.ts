import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccountStandings } from './auth/account-standing';
import { CALENDAR_CONFIG } from '../config/calendar.config';
import { QUEUE_CONFIG } from '../config/queue.config';
import { SECURITY_CONFIG } from '../config/security.config';
import { AuthTokens } from './auth/auth-tokens';
import { MemberAuthGuard, StaffAuthGuard } from './auth/guards';
import { PasswordHasher } from './auth/password-hasher';
import { TransactionRunner } from './db/transaction-runner';
import { DomainEvents } from './events/domain-events';
import { OutboxRelay } from './events/outbox-relay';
import { OutboxRepository } from './events/outbox.repository';
import { IdempotentReplies } from './idempotency/idempotent-replies';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { RateLimiter, RateLimitGuard } from './rate-limit/rate-limiter';
import { BusinessCalendar } from './time/business-calendar';
import { Clock } from './time/clock';

/** Cross-cutting services every feature may inject. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: SECURITY_CONFIG, useValue: config.security },
      { provide: CALENDAR_CONFIG, useValue: config.calendar },
      { provide: QUEUE_CONFIG, useValue: config.queue },
      { provide: Clock, useValue: clock },
      BusinessCalendar,
      TransactionRunner,
      AuthTokens,
      AccountStandings,
      PasswordHasher,
      RateLimiter,
      RateLimitGuard,
      MemberAuthGuard,
      StaffAuthGuard,
      DomainEvents,
      OutboxRelay,
      IdempotentReplies,
    ];
    // The tables common/ owns are written through these services only: their repositories stay inside.
    return { module: CoreModule, providers: [...providers, OutboxRepository, IdempotencyRepository], exports: providers };
  }
}
