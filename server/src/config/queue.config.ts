import { ConfigError, Env } from './config-error';

/**
 * What a process does (PROCESS_ROLE): `all` serves HTTP and runs the background work, `api` serves
 * HTTP only, `worker` runs queue workers, periodic jobs and the outbox relay with no HTTP.
 * `command` is set by the CLI commands: none of the background work, so they exit when done.
 */
export type ProcessRole = 'all' | 'api' | 'worker' | 'command';

export interface QueueConfig {
  /** null → the in-process queue (one process, jobs in memory). */
  redisUrl: string | null;
  /** REDIS_PREFIX: the namespace of this deployment's queue keys, so deployments (or test runs) can share a Redis. */
  prefix: string;
  role: ProcessRole;
  /** JOB_INTERVALS=`coupons-expire=60000,…`: periodic jobs' periods overridden, in ms. */
  jobIntervals: Record<string, number>;
}

function jobIntervalsFrom(env: Env): Record<string, number> {
  const intervals: Record<string, number> = {};
  for (const entry of (env.JOB_INTERVALS ?? '').split(',').filter((e) => e.trim() !== '')) {
    const [name, ms] = entry.split('=').map((s) => s.trim());
    const value = Number(ms);
    if (!name || !Number.isInteger(value) || value < 100) throw new ConfigError(`JOB_INTERVALS must look like name=ms,name=ms with ms ≥ 100 (got '${entry}')`);
    intervals[name] = value;
  }
  return intervals;
}

export function queueFrom(env: Env): QueueConfig {
  const url = env.REDIS_URL || null;
  if (url && !/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError(`REDIS_URL must look like redis://host:6379 (got '${url}')`);
  const role = env.PROCESS_ROLE || 'all';
  if (role !== 'all' && role !== 'api' && role !== 'worker') throw new ConfigError(`PROCESS_ROLE must be all, api or worker (got '${role}')`);
  // Without Redis the queue lives in this process's memory: nobody else would ever run its jobs.
  if (role !== 'all' && !url) throw new ConfigError(`PROCESS_ROLE=${role} needs REDIS_URL (the queue is shared through Redis)`);
  return { redisUrl: url, prefix: env.REDIS_PREFIX || 'huiyuan', role, jobIntervals: jobIntervalsFrom(env) };
}

export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');

/** Whether this process runs queue workers, periodic jobs and the outbox relay. */
export function runsBackgroundWork(queue: Pick<QueueConfig, 'role'>): boolean {
  return queue.role === 'all' || queue.role === 'worker';
}
