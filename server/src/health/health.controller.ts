import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthStatus, PeriodicJobStatus } from '@huiyuan/shared-types';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxRelay } from '../common/events/outbox-relay';
import { JobQueue } from '../common/queue/job-queue';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock, DevClock } from '../common/time/clock';
import { devClockStatus } from '../common/time/dev-clock.controller';
import { wechatBaseUrl } from '../wechat/wechat-base-url';

const VERSION = '0.1.0';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * 503 only when the database is down, so a load balancer takes out an instance that cannot serve.
   * A queue that is down degrades (events wait in the outbox) but the instance still serves.
   */
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    let pending = 0;
    let jobs: PeriodicJobStatus[] = [];
    const [database, queue] = await Promise.all([
      this.probe(async () => {
        [pending, jobs] = await Promise.all([this.relay.pending(), this.scheduler.status()]);
      }),
      this.probe(() => this.queue.ping()),
    ]);
    const status: HealthStatus = {
      status: !database.ok ? 'down' : queue.ok ? 'ok' : 'degraded',
      role: this.config.queue.role,
      database: { ...database, driver: this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql' },
      queue: { ...queue, mode: this.queue.mode },
      outbox: { pending },
      jobs,
      wechat: { mode: this.config.wechat.appId ? 'live' : 'sandbox', baseUrl: wechatBaseUrl(this.config) },
      // Said wherever a moved clock could surprise someone reading the figures.
      ...(this.clock instanceof DevClock && this.clock.offset !== 0 ? { clock: devClockStatus(this.clock) } : {}),
      version: VERSION,
    };
    if (!database.ok) void reply.status(503);
    return status;
  }

  private async probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out after 2 s')), 2000)))]);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
