import { Body, CanActivate, Controller, Delete, Get, Inject, Injectable, Put, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DevClockStatus } from '@huiyuan/shared-types';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { clockNotMovable, devClockInProduction } from '../errors/common.errors';
import { IsInstant } from '../http/validators';
import { Clock, DevClock } from './clock';

export class SetDevClockBody {
  @IsInstant() at: string;
}

/** Refuses before the body is validated: in production, and where the clock is not a DevClock (a test's ManualClock is the test's to set). */
@Injectable()
export class DevClockGuard implements CanActivate {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'env'>,
  ) {}

  canActivate(): boolean {
    if (this.config.env === 'production') throw devClockInProduction();
    if (!(this.clock instanceof DevClock)) throw clockNotMovable();
    return true;
  }
}

/**
 * Moves a development server's clock, so journeys and demos can run on any day (a make-up check-in
 * needs an earlier day of the month). The clock is the process's own: `npm start` is one process.
 */
@ApiTags('development')
@Controller('api/v1/dev/clock')
@UseGuards(DevClockGuard)
export class DevClockController {
  private readonly clock: DevClock;

  constructor(clock: Clock) {
    // The guard refuses every route unless this is a DevClock.
    this.clock = clock as DevClock;
  }

  @Get()
  get(): DevClockStatus {
    return devClockStatus(this.clock);
  }

  @Put()
  set(@Body() body: SetDevClockBody): DevClockStatus {
    this.clock.moveTo(new Date(body.at));
    return devClockStatus(this.clock);
  }

  @Delete()
  reset(): DevClockStatus {
    this.clock.reset();
    return devClockStatus(this.clock);
  }
}

export function devClockStatus(clock: DevClock): DevClockStatus {
  return { now: clock.now().toISOString(), offsetMs: clock.offset };
}
