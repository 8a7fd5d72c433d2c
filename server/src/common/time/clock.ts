import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests can move time instead of waiting for it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and advance. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A development server's clock: real time, moved by an offset that `PUT /api/v1/dev/clock` sets, so a
 * journey can run on the 15th whatever today is (make-ups need an earlier day of the month) while time
 * still passes. Every feature reads the same shifted "now". Never used in production.
 */
export class DevClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** How far this clock runs ahead of real time (negative: behind). */
  get offset(): number {
    return this.offsetMs;
  }

  moveTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
