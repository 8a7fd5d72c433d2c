import { AppError } from '../errors/app-error';
import { DevClock, ManualClock } from './clock';
import { DevClockGuard } from './dev-clock.controller';

describe('DevClock', () => {
  it('runs at real speed from where it was moved, and back to real time on reset', () => {
    const clock = new DevClock();
    clock.moveTo(new Date('2026-03-15T02:00:00Z'));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-03-15T02:00:00Z'))).toBeLessThan(1000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(first);
    clock.reset();
    expect(clock.offset).toBe(0);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

describe('DevClockGuard', () => {
  const refusal = (guard: DevClockGuard) => {
    try {
      guard.canActivate();
    } catch (error) {
      return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
    }
    return null;
  };

  it.each([
    ['production, even with a DevClock', new DevClock(), 'production' as const, 'FORBIDDEN: The development clock is refused in production (NODE_ENV=production)'],
    ["a test's ManualClock", new ManualClock(), 'test' as const, "FORBIDDEN: This server's clock cannot be moved over HTTP"],
    ['a development server', new DevClock(), 'development' as const, null],
  ])('%s', (_name, clock, env, expected) => {
    expect(refusal(new DevClockGuard(clock, { env }))).toBe(expected);
  });
});
