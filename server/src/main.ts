import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { createPino, PinoNestLogger } from './common/logging/pino-logger';
import { Clock } from './common/time/clock';
import { resolveDataSourceOptions } from './database/data-source-options';
import { claimSqliteFile } from './database/sqlite-instance-lock';
import { describeStartupError } from './startup-error';

/**
 * A stray rejection (a timer's promise, a library's background call) is a bug to log, not a reason
 * to drop every request in flight: Node's default would end the process.
 */
function surviveUnhandledRejections(config: AppConfig): void {
  const logger = createPino(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (logged and survived)'));
}

/** PROCESS_ROLE=worker: queue workers, periodic jobs and the outbox relay, no HTTP. */
async function startWorker(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config, new Clock()), { logger: new PinoNestLogger(createPino(config.logLevel)) });
  app.enableShutdownHooks();
  process.stdout.write(`\nHuiyuan worker is running (no HTTP). Database: ${config.database.driver === 'mysql' ? 'MySQL' : 'embedded SQLite'}; queue: Redis\n\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  surviveUnhandledRejections(config);
  // Reach the database before Nest starts, so a wrong DATABASE_URL ends in the one line below.
  await resolveDataSourceOptions(config.database);
  // One process per embedded database: a second server on the same DATA_DIR is refused here, not left to stall.
  if (config.database.driver === 'sqlite') claimSqliteFile(config.database.file);
  if (config.queue.role === 'worker') return startWorker(config);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  // With PORT=0 the port is known only now; the sandbox's base URL and QR links are built from it.
  const address = app.getHttpServer().address();
  if (typeof address === 'object' && address) config.port = address.port;
  const url = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
  process.stdout.write(
    `\nHuiyuan is running at ${url}/  (API docs ${url}/api/docs, health ${url}/api/health)\n` +
      `Database: ${config.database.driver === 'mysql' ? 'MySQL' : `embedded SQLite (${config.database.file})`}; ` +
      `WeChat: ${config.wechat.appId ? 'live' : `sandbox at ${url}/sandbox/wechat`}; role: ${config.queue.role}\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Huiyuan could not start: ${error instanceof ConfigError ? error.message : describeStartupError(error)}\n`);
  process.exit(1);
});
