/** A periodic job as /api/health shows it: when it last ran on any instance, and what it did. */
export interface PeriodicJobStatus {
  name: string;
  everyMs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  /** null until its first run. */
  lastOutcome: 'ok' | 'failed' | null;
  /** The job's own summary (e.g. `{ expired: 3 }`), or the error's message when it failed. */
  lastResult: unknown;
  runs: number;
}

export interface HealthStatus {
  /** `degraded` when the queue is unreachable: requests are still served, events wait in the outbox. */
  status: 'ok' | 'degraded' | 'down';
  role: 'all' | 'api' | 'worker' | 'command';
  database: { ok: boolean; driver: 'mysql' | 'sqlite'; error?: string };
  queue: { ok: boolean; mode: 'redis' | 'in-process'; error?: string };
  /** Domain events committed but not yet on the queue. */
  outbox: { pending: number };
  jobs: PeriodicJobStatus[];
  wechat: { mode: 'sandbox' | 'live'; baseUrl: string };
  version: string;
}
