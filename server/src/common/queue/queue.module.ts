import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

/** The shared Redis connection (rate limits, token cache), or null without REDIS_URL. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.queue.redisUrl ? new IORedis(config.queue.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false }) : null,
    },
    {
      provide: JobQueue,
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: IORedis | null) =>
        redis ? new BullJobQueue(redis, config.queue.workers) : new InProcessJobQueue(),
    },
  ],
  exports: [REDIS, JobQueue],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(
    private readonly queue: JobQueue,
    @Inject(REDIS) private readonly redis: IORedis | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.redis?.quit();
  }
}
