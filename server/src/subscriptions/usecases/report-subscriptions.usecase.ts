import { Injectable } from '@nestjs/common';
import { SubscribeReportRequest } from '@huiyuan/shared-types';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { AppBanWatch } from '../app-ban-watch';
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
    private readonly appBan: AppBanWatch,
  ) {}

  async execute(memberId: number, request: SubscribeReportRequest): Promise<void> {
    if (request.errCode === APP_BANNED) {
      // WeChat refused the pop-up because the app may be banned; one member's word is not enough to stop every campaign.
      await this.tx.run((m) => this.appBan.reported(m, memberId));
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
