import { Module } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../common/queue/queue.module';
import { Clock } from '../common/time/clock';
import { WechatSandboxMount } from './sandbox/wechat-sandbox.mount';
import { createWechatGateway, WechatGateway } from './wechat-gateway';

/** A leaf: other features call WechatGateway; nothing here depends on them. */
@Module({
  providers: [
    {
      provide: WechatGateway,
      inject: [APP_CONFIG, Clock, DataSource, REDIS],
      useFactory: (config: AppConfig, clock: Clock, dataSource: DataSource, redis: IORedis | null) =>
        createWechatGateway({ config, clock, dataSource, redis }),
    },
    WechatSandboxMount,
  ],
  exports: [WechatGateway],
})
export class WechatModule {}
