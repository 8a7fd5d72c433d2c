import { ConfigError, Env } from './config-error';

export interface QueueConfig {
  /** null → the in-process queue (one process, jobs in memory). */
  redisUrl: string | null;
  /** QUEUE_WORKERS=false: this process adds jobs but runs none (an API instance beside separate workers). */
  workers: boolean;
}

export function queueFrom(env: Env): QueueConfig {
  const url = env.REDIS_URL || null;
  if (url && !/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError(`REDIS_URL must look like redis://host:6379 (got '${url}')`);
  const workers = env.QUEUE_WORKERS || 'true';
  if (workers !== 'true' && workers !== 'false') throw new ConfigError(`QUEUE_WORKERS must be true or false (got '${workers}')`);
  // Without Redis the queue lives in this process's memory: nobody else would ever run its jobs.
  if (workers === 'false' && !url) throw new ConfigError('QUEUE_WORKERS=false needs REDIS_URL (the queue is shared through Redis)');
  return { redisUrl: url, workers: workers === 'true' };
}
