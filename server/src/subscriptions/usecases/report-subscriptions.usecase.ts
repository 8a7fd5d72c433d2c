import { Injectable } from '@nestjs/common';
import { SubscribeReportRequest } from '@huiyuan/shared-types';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { DomainEvents } from '../../common/events/domain-events';
import { MessageTemplatesService } from '../message-templates.service';
import { SubscriptionLedger } from '../subscription-ledger';
import { templateNotFound } from '../subscriptions.errors';

/** wx.requestSubscribeMessage's errCode when the app is banned from subscribe messages. */
const APP_BANNED = 20005;

/** The mini-program's report of what the member answered: accepts count at once, until WeChat's event confirms or corrects them. */
@Injectable()
export class ReportSubscriptionsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: MessageTemplatesService,
    private readonly ledger: SubscriptionLedger,
    private readonly events: DomainEvents,
  ) {}

  async execute(memberId: number, request: SubscribeReportRequest): Promise<void> {
    if (request.errCode === APP_BANNED) {
      // WeChat refused the pop-up because the app may no longer send subscribe messages: every campaign stops until HQ resumes.
      await this.tx.run((m) => this.events.publish(m, 'messaging.app_banned', { reason: `会员 ${memberId} 的小程序报告 20005：微信已禁止本小程序发送订阅消息，全部活动已暂停；请在微信公众平台确认处罚状态后再恢复` }));
      return;
    }
    // 20004 is the member's own main switch: nothing was accepted, nothing to record.
    if (!request.results) return;
    const results = request.results;
    await this.tx.run(async (m) => {
      for (const [wechatTemplateId, answer] of Object.entries(results)) {
        const template = await this.templates.byWechatId(m, wechatTemplateId);
        if (!template || !template.active) throw templateNotFound(wechatTemplateId);
        await this.ledger.reported(m, memberId, template.id, answer);
      }
    });
  }
}
