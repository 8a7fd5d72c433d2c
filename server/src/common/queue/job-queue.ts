export interface JobOptions {
  /** Jobs with the same id are added once (until the first has run). BullMQ forbids ':' in it. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  /** Runs after every waiting job without it: bulk work (a campaign's sends) never holds up the rest. */
  lowPriority?: boolean;
}

export type JobHandler<T = unknown> = (data: T) => Promise<void>;

/** BullMQ refuses these ids (its own keys use ':'); both queues refuse them alike so a test catches one. */
export function checkJobId(jobId: string | undefined): void {
  if (jobId !== undefined && (jobId.includes(':') || /^\d+$/.test(jobId))) {
    throw new Error(`job id '${jobId}' must not contain ':' nor be a bare integer`);
  }
}

/** Background work: BullMQ on Redis when REDIS_URL is set, an in-process queue with the same contract otherwise. */
export abstract class JobQueue {
  abstract readonly mode: 'redis' | 'in-process';
  abstract add<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  abstract register<T>(name: string, handler: JobHandler<T>): void;
  /**
   * Adds the job `name` every `everyMs`, once for the whole deployment: a BullMQ job scheduler (one
   * job per period however many instances declare it), or a timer in this one process.
   */
  abstract repeat(name: string, everyMs: number): Promise<void>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
