import { Injectable } from '@nestjs/common';
import { SubscribeReportRequest } from '@huiyuan/shared-types';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { MessageTemplatesService } from '../message-templates.service';
import { SubscriptionLedger } from '../subscription-ledger';
import { templateNotFound } from '../subscriptions.errors';

/** The mini-program's report of what the member answered: accepts count at once, until WeChat's event confirms or corrects them. */
@Injectable()
export class ReportSubscriptionsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: MessageTemplatesService,
    private readonly ledger: SubscriptionLedger,
  ) {}

  async execute(memberId: number, request: SubscribeReportRequest): Promise<void> {
    await this.tx.run(async (m) => {
      for (const [wechatTemplateId, answer] of Object.entries(request.results)) {
        const template = await this.templates.byWechatId(m, wechatTemplateId);
        if (!template || !template.active) throw templateNotFound(wechatTemplateId);
        await this.ledger.reported(m, memberId, template.id, answer);
      }
    });
  }
}
