import { Injectable } from '@nestjs/common';
import { MemberSubscriptionsView, SUBSCRIBE_MOMENTS, SubscribeMoment } from '@huiyuan/shared-types';
import { TransactionRunner } from '../common/db/transaction-runner';
import { MessageTemplatesRepository } from './message-templates.repository';
import { MessageTemplatesService, templateRecord } from './message-templates.service';
import { SubscriptionGrantsRepository } from './subscription-grants.repository';

/** What a member has allowed, per template, and which templates the mini-program asks for at each moment. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: MessageTemplatesRepository,
    private readonly registry: MessageTemplatesService,
    private readonly grants: SubscriptionGrantsRepository,
  ) {}

  async forMember(memberId: number): Promise<MemberSubscriptionsView> {
    return this.tx.read(async (m) => {
      const [templates, grants] = await Promise.all([this.templates.list(m, this.registry.appId), this.grants.grantsOf(m, memberId)]);
      const active = templates.filter((t) => t.active).map(templateRecord);
      const byTemplate = new Map(grants.map((g) => [g.templateId, g]));
      const moments = Object.fromEntries(
        (Object.keys(SUBSCRIBE_MOMENTS) as SubscribeMoment[]).map((moment) => [
          moment,
          SUBSCRIBE_MOMENTS[moment].flatMap((code) => active.filter((t) => t.code === code).map((t) => t.wechatTemplateId)),
        ]),
      ) as Record<SubscribeMoment, string[]>;
      return {
        items: active.map((t) => {
          const g = byTemplate.get(t.id);
          return {
            templateId: t.id,
            wechatTemplateId: t.wechatTemplateId,
            code: t.code,
            title: t.title,
            purpose: t.purpose,
            remaining: g?.remaining ?? 0,
            unconfirmed: Math.min(g?.unconfirmed ?? 0, g?.remaining ?? 0),
            status: g?.status ?? 'active',
            lastAcceptedAt: g?.lastAcceptedAt?.toISOString() ?? null,
          };
        }),
        moments,
      };
    });
  }
}
