import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { Clock, ManualClock } from '../../src/common/time/clock';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  http: TestAgent;
  config: AppConfig;
  dataSource: DataSource;
  clock: ManualClock;
  database: TestDatabase;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** Boots the real application on an ephemeral port against a fresh database, the WeChat sandbox included. */
/** `appClock`: the application's clock instead of the ManualClock (then `t.clock` moves nothing), e.g. a DevClock. */
/** `database`: another app's database, for a second instance beside it (closing it leaves the database to its owner). */
export async function startTestApp(options: { env?: Record<string, string>; now?: string; appClock?: Clock; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    PORT: '0',
    H5_DIR: '',
    // Fault-injection tests make the gateway warn on purpose; CI output keeps only errors.
    LOG_LEVEL: 'error',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const clock = new ManualClock(options.now ? new Date(options.now) : new Date());
  const app = await createApp(config, { clock: options.appClock ?? clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  config.port = port;
  return {
    app,
    baseUrl,
    http: request(baseUrl),
    config,
    dataSource: app.get(DataSource),
    clock,
    database,
    get: (token) => app.get(token),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
