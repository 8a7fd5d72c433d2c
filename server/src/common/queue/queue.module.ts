import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { runsBackgroundWork } from '../../config/queue.config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';
import { JobRunsRepository } from './job-runs.repository';
import { JobScheduler } from './job-scheduler';

/** The shared Redis connection (rate limits, token cache), or null without REDIS_URL. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.queue.redisUrl) return null;
        // Fail fast while Redis is away: callers fall back or answer an error instead of waiting.
        const redis = new IORedis(config.queue.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
        const logger = new Logger('Redis');
        redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
        return redis;
      },
    },
    {
      provide: JobQueue,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.queue.redisUrl ? new BullJobQueue(config.queue.redisUrl, runsBackgroundWork(config.queue), config.queue.prefix) : new InProcessJobQueue(),
    },
    JobScheduler,
    JobRunsRepository,
  ],
  exports: [REDIS, JobQueue, JobScheduler],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(
    private readonly queue: JobQueue,
    @Inject(REDIS) private readonly redis: IORedis | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.redis?.disconnect();
  }
}
