import { Body, Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PushQuery, ReceiveWechatPushUseCase } from './usecases/receive-wechat-push.usecase';

/** The message-push URL to give WeChat (开发管理 → 消息推送): <PUBLIC_URL>/api/v1/wechat/push, data format JSON. */
@ApiTags('wechat: message push')
@Controller('api/v1/wechat/push')
export class WechatPushController {
  constructor(private readonly push: ReceiveWechatPushUseCase) {}

  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Query() query: PushQuery): string {
    return this.push.verify(query);
  }

  /** WeChat repeats a push that is not answered "success" within 5 seconds. */
  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  async receive(@Query() query: PushQuery, @Body() body: unknown): Promise<string> {
    await this.push.receive(query, body);
    return 'success';
  }
}
