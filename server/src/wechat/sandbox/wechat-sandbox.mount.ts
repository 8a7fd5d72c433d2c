import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/clock';
import { wechatSandboxPlugin } from './wechat-sandbox.plugin';
import { WechatSandboxState } from './wechat-sandbox-state';

/**
 * Serves the sandbox under /sandbox/wechat when there are no WeChat credentials. With credentials
 * the routes do not exist, so a live server can never be talked into using a fake WeChat.
 */
@Injectable()
export class WechatSandboxMount implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (this.config.wechat.appId || !httpAdapter) return;
    // Read at request time: tests learn the port only after listen.
    const h5BaseUrl = () => this.config.publicUrl ?? `http://127.0.0.1:${this.config.port}`;
    const local = () => `http://127.0.0.1:${this.config.port}`;
    const { token, aesKey, mode } = this.config.wechat.push;
    // The sandbox pushes to this server's own message-push URL, signed with its Token, in safe mode unless set to plaintext.
    const push = token ? { url: () => `${local()}/api/v1/wechat/push`, token, aesKey: mode === 'plaintext' ? null : aesKey } : undefined;
    const state = new WechatSandboxState({ clock: this.clock, h5BaseUrl, push });
    await httpAdapter.getInstance<FastifyInstance>().register(wechatSandboxPlugin, { prefix: '/sandbox/wechat', state });
  }
}
