import { Injectable } from '@nestjs/common';
import { SUBSCRIBE_MAX_TEMPLATES_PER_CALL, StaffWechatBinding, TemplatePurpose } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { StaffRepository } from '../../staff/staff.repository';
import { WechatGateway } from '../../wechat/wechat-gateway';
import { MessageTemplatesRepository } from '../message-templates.repository';
import { wechatAlreadyBound } from '../subscriptions.errors';

const masked = (openid: string | null) => (openid ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : null);

/** A staff member's own WeChat, bound from the counter tool so that campaign test sends reach them. */
@Injectable()
export class StaffWechatBindingUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly staff: StaffRepository,
    private readonly wechat: WechatGateway,
    private readonly audit: AuditTrail,
    private readonly templates: MessageTemplatesRepository,
  ) {}

  async current(staffId: number): Promise<StaffWechatBinding> {
    const openid = await this.tx.read((m) => this.staff.openidOf(staffId, m));
    return this.view(openid);
  }

  /** A test send spends the staff member's own accept of the campaign's template, as a member's send does. */
  private async view(openid: string | null): Promise<StaffWechatBinding> {
    const testTemplates = (await this.tx.read((m) => this.templates.list(m, this.wechat.appId)))
      .filter((t) => t.active && t.purpose === TemplatePurpose.CAMPAIGN)
      .slice(0, SUBSCRIBE_MAX_TEMPLATES_PER_CALL)
      .map((t) => ({ wechatTemplateId: t.wechatTemplateId, title: t.title }));
    return { bound: openid !== null, openidMasked: masked(openid), testTemplates };
  }

  async bind(actor: StaffPrincipal, code: string, requestId: string): Promise<StaffWechatBinding> {
    // The WeChat call happens before the transaction: no network inside one.
    const { openid } = await this.wechat.code2Session(code);
    try {
      await this.tx.run(async (m) => {
        await this.staff.bindOpenid(m, actor.staffId, openid);
        await this.audit.record(m, { staff: actor, requestId }, { action: 'staff.wechat_bind', targetType: 'staff', targetId: actor.staffId, summary: '绑定本人微信（用于测试发送）' });
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw wechatAlreadyBound();
      throw error;
    }
    return this.view(openid);
  }

  async unbind(actor: StaffPrincipal, requestId: string): Promise<StaffWechatBinding> {
    await this.tx.run(async (m) => {
      await this.staff.bindOpenid(m, actor.staffId, null);
      await this.audit.record(m, { staff: actor, requestId }, { action: 'staff.wechat_unbind', targetType: 'staff', targetId: actor.staffId, summary: '解绑本人微信' });
    });
    return this.view(null);
  }
}
