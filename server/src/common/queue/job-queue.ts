export interface JobOptions {
  /** Jobs with the same id are added once (until the first has run). */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export type JobHandler<T = unknown> = (data: T) => Promise<void>;

/** Background work: BullMQ on Redis when REDIS_URL is set, an in-process queue with the same contract otherwise. */
export abstract class JobQueue {
  abstract readonly mode: 'redis' | 'in-process';
  abstract add<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  abstract register<T>(name: string, handler: JobHandler<T>): void;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
