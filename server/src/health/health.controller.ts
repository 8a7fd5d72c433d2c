import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthStatus } from '@huiyuan/shared-types';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobQueue } from '../common/queue/job-queue';
import { wechatBaseUrl } from '../wechat/wechat-base-url';

const VERSION = '0.1.0';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and queue answer, 503 otherwise, so a load balancer can act on it. */
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const [database, queue] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.queue.ping()),
    ]);
    const status: HealthStatus = {
      status: database.ok && queue.ok ? 'ok' : 'degraded',
      database: { ...database, driver: this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql' },
      queue: { ...queue, mode: this.queue.mode },
      wechat: { mode: this.config.wechat.appId ? 'live' : 'sandbox', baseUrl: wechatBaseUrl(this.config) },
      version: VERSION,
    };
    if (status.status !== 'ok') void reply.status(503);
    return status;
  }

  private async probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
    try {
      await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000))]);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
