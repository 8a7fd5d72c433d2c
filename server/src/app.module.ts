import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config';
import { CoreModule } from './common/core.module';
import { ErrorEnvelopeFilter } from './common/errors/error.filter';
import { QueueModule } from './common/queue/queue.module';
import { Clock } from './common/time/clock';
import { DevClockModule } from './common/time/dev-clock.module';
import { resolveDataSourceOptions } from './database/data-source-options';
import { migrateUnderLock } from './database/migrate';
import { FEATURE_MODULES } from './features';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, clock),
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({ ...(await resolveDataSourceOptions(config.database)), retryAttempts: 0 }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (config.runMigrations) await migrateUnderLock(dataSource);
            return dataSource;
          },
        }),
        QueueModule,
        HealthModule,
        DevClockModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
      ],
    };
  }
}
