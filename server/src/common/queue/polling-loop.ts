import { withoutTransactionScope } from '../db/transaction-scope';

export interface PollingLoopOptions {
  /** Looks this often, for work other processes committed and to retry after a failure. */
  pollMs: number;
  /** After `soon()`, gives the caller's transaction a moment to commit before looking. */
  soonMs: number;
  /** One pass: how many items it moved, and whether it left more behind (a full batch). */
  pass: () => Promise<{ moved: number; more: boolean }>;
  /** A pass that threw: the loop stops draining until the next poll or `soon()`. */
  onError: (error: unknown) => void;
}

/**
 * The loop behind the outbox relay and the delivery dispatcher: passes never overlap, `soon()`
 * during a pass makes another follow, a timer catches what `soon()` never announced.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private enabled = false;

  constructor(private readonly options: PollingLoopOptions) {}

  start(): void {
    this.enabled = true;
    this.timer = setInterval(() => this.soon(), this.options.pollMs);
    this.timer.unref();
    this.soon();
  }

  async stop(): Promise<void> {
    this.enabled = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Asks for a pass shortly; ignored until started. */
  soon(): void {
    if (!this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Called inside a request's transaction: the pass must not inherit that request's scope.
    this.running = withoutTransactionScope(() =>
      new Promise<void>((resolve) => setTimeout(resolve, this.options.soonMs))
        .then(() => this.drain())
        .finally(() => {
          this.running = null;
        }),
    );
  }

  /** Passes until nothing is left or a pass fails; returns how many items moved. Tests call it directly. */
  async drain(): Promise<number> {
    let moved = 0;
    do {
      this.again = false;
      try {
        const pass = await this.options.pass();
        moved += pass.moved;
        if (pass.more) this.again = true;
      } catch (error) {
        this.options.onError(error);
        return moved;
      }
    } while (this.again && this.enabled);
    return moved;
  }
}
