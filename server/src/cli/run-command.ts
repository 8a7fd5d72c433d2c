import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { resolveDataSourceOptions } from '../database/data-source-options';
import { Clock } from '../common/time/clock';
import { describeStartupError } from '../startup-error';

/**
 * Runs a command inside the application (migrated database, real services), then exits with its
 * status. The `command` role starts no workers, timers or relay, and closing the application closes
 * every connection; the explicit exit is what a shell script relies on.
 */
export function runCommand(name: string, command: (app: INestApplicationContext, config: AppConfig) => Promise<void>): void {
  (async () => {
    const loaded = loadConfig();
    const config = { ...loaded, queue: { ...loaded.queue, role: 'command' as const } };
    await resolveDataSourceOptions(config.database);
    const app = await NestFactory.createApplicationContext(AppModule.register(config, new Clock()), { logger: ['error', 'warn'] });
    try {
      await command(app, config);
    } finally {
      await app.close();
    }
  })().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof ConfigError ? error.message : describeStartupError(error)}\n`);
      process.exit(1);
    },
  );
}
