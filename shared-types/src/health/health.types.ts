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
  /** Present only while a development server's clock is moved (PUT /api/v1/dev/clock). */
  clock?: DevClockStatus;
  version: string;
}

/** GET/PUT/DELETE /api/v1/dev/clock (development and test servers only): the server's "now" and how far it is moved. */
export interface DevClockStatus {
  now: string;
  /** How far the server's clock runs ahead of real time, in ms (0: real time). */
  offsetMs: number;
}

export interface SetDevClockRequest {
  /** The instant the server's clock should read now; time goes on from there. */
  at: string;
}
