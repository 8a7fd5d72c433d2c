import { Inject, Injectable } from '@nestjs/common';
import { CAMPAIGN_DEFAULT_QUIET_HOURS, CampaignStatus, CampaignView, SaveCampaignRequest, TestSendResult } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CouponsRepository } from '../../coupons/coupons.repository';
import { MembersRepository } from '../../members/members.repository';
import { SegmentsRepository } from '../../segments/segments.repository';
import { StaffRepository } from '../../staff/staff.repository';
import { AppBanWatch } from '../../subscriptions/app-ban-watch';
import { MessageTemplateRecord, MessageTemplatesService } from '../../subscriptions/message-templates.service';
import { WechatGateway } from '../../wechat/wechat-gateway';
import { WechatError } from '../../wechat/wechat.errors';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService } from '../campaigns.service';
import { campaignInvalid, campaignNotFound, campaignStateConflict, testSendRefused } from '../campaigns.errors';
import { DeliveriesRepository } from '../deliveries.repository';
import { DeliveryDispatcher } from '../delivery-dispatcher';
import { Campaign } from '../entities/campaign.entity';
import { landingPage, renderMessage, unknownPlaceholders } from '../message-rendering';
import { RenderContexts } from '../render-contexts';
import { FanOutCampaignUseCase } from './fan-out-campaign.usecase';

const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

/** Composing, launching, pausing, resuming and cancelling campaigns, and the test send; each audited. */
@Injectable()
export class ManageCampaignsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly campaigns: CampaignsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly reads: CampaignsService,
    private readonly templates: MessageTemplatesService,
    private readonly segments: SegmentsRepository,
    private readonly coupons: CouponsRepository,
    private readonly staffRepository: StaffRepository,
    private readonly members: MembersRepository,
    private readonly contexts: RenderContexts,
    private readonly wechat: WechatGateway,
    private readonly fanOut: FanOutCampaignUseCase,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly appBan: AppBanWatch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(staff: StaffPrincipal, request: SaveCampaignRequest, requestId: string): Promise<CampaignView> {
    const now = this.clock.now();
    const id = await this.tx.run(async (m) => {
      const values = await this.checked(m, request);
      const created = await this.campaigns.create(m, { ...values, status: 'draft', pauseReason: null, snapshotId: null, fanoutAfter: 0, fanoutDone: false, sentCount: 0, failedCount: 0, createdBy: staff.staffId, createdAt: now, updatedAt: now, startedAt: null, finishedAt: null });
      await this.audit.record(m, { staff, requestId }, { action: 'campaign.create', targetType: 'campaign', targetId: created, summary: `新建营销活动 ${request.name}` });
      return created;
    });
    return this.reads.view(id);
  }

  async update(staff: StaffPrincipal, id: number, request: SaveCampaignRequest, requestId: string): Promise<CampaignView> {
    await this.tx.run(async (m) => {
      const campaign = await this.require(m, id);
      if (campaign.status !== 'draft' && campaign.status !== 'scheduled') throw campaignStateConflict(id, campaign.status as CampaignStatus, 'edit it once sending has started');
      const values = await this.checked(m, request);
      await this.campaigns.update(m, id, { ...values, status: 'draft', updatedAt: this.clock.now() });
      await this.audit.record(m, { staff, requestId }, { action: 'campaign.update', targetType: 'campaign', targetId: id, summary: `修改营销活动 ${request.name}` });
    });
    return this.reads.view(id);
  }

  /** Sends now, or at its send time: the segment is frozen when sending starts, not now. */
  async launch(staff: StaffPrincipal, id: number, requestId: string): Promise<CampaignView> {
    const now = this.clock.now();
    const campaign = await this.tx.run(async (m) => {
      const found = await this.require(m, id);
      if (found.status !== 'draft') throw campaignStateConflict(id, found.status as CampaignStatus, 'launch it again');
      await this.checked(m, this.requestOf(found));
      const later = found.sendAt !== null && found.sendAt.getTime() > now.getTime();
      if (later) await this.campaigns.transition(m, id, ['draft'], 'scheduled', { at: now });
      await this.audit.record(m, { staff, requestId }, { action: 'campaign.launch', targetType: 'campaign', targetId: id, summary: later ? `营销活动 ${found.name} 定时于 ${found.sendAt!.toISOString()} 发送` : `营销活动 ${found.name} 开始发送` });
      return later ? null : found;
    });
    if (campaign) await this.fanOut.start(campaign, staff.staffId);
    return this.reads.view(id);
  }

  async pause(staff: StaffPrincipal, id: number, requestId: string): Promise<CampaignView> {
    await this.move(staff, id, ['sending', 'scheduled'], 'paused', '暂停', requestId, { pauseReason: '由员工暂停' });
    return this.reads.view(id);
  }

  /**
   * Back to sending (or to waiting for its time, if it never started); its held rows are released again.
   * HQ resuming after the members' 20005 reports paused everything means HQ checked: those reports stop counting.
   */
  async resume(staff: StaffPrincipal, id: number, requestId: string): Promise<CampaignView> {
    const campaign = await this.tx.read((m) => this.require(m, id));
    const to = campaign.startedAt ? 'sending' : 'scheduled';
    await this.move(staff, id, ['paused'], to, '恢复', requestId, { pauseReason: null }, async (m) => {
      await this.deliveries.releaseQueued(m, id);
      await this.appBan.resumed(m);
      // Reset the running totals' verdict: an auto-pause would otherwise trip again on the first batch.
      if (to === 'sending') await this.campaigns.update(m, id, { sentCount: 0, failedCount: 0 });
    });
    if (to === 'sending') {
      await this.fanOut.resume(id);
      this.dispatcher.soon();
    }
    return this.reads.view(id);
  }

  /** Stops for good: queued messages are cancelled; those being sent this instant finish. */
  async cancel(staff: StaffPrincipal, id: number, requestId: string): Promise<CampaignView> {
    await this.move(staff, id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', '取消', requestId, { finishedAt: this.clock.now() }, (m) => this.deliveries.cancelQueued(m, id).then(() => undefined));
    return this.reads.view(id);
  }

  /** Every campaign sending or waiting to is paused at once, with the reason HQ sees. */
  async pauseAll(reason: string): Promise<void> {
    await this.tx.run((m) => this.campaigns.pauseAllSending(m, reason, this.clock.now()));
  }

  /** The message as the first member of the segment would get it, sent to the staff member's own WeChat. */
  async testSend(staff: StaffPrincipal, id: number): Promise<TestSendResult> {
    const { campaign, template, openid } = await this.tx.read(async (m) => {
      const found = await this.require(m, id);
      const account = await this.staffRepository.find(staff.staffId, m);
      return { campaign: found, template: await this.templates.byId(m, found.templateId), openid: account?.openid ?? null };
    });
    if (!openid) throw campaignInvalid('staff', '您还没有绑定微信：请在小程序「门店员工入口 → 工作台 → 我的微信」里点「绑定本人微信」后再试发');
    if (!template) throw campaignInvalid('templateId', `模板 ${campaign.templateId} 不存在`);
    const sample = (await this.reads.sampleMembers(campaign, 1))[0];
    const profile = sample ? (await this.tx.read((m) => this.members.messageProfiles(m, [sample])).then((p) => p.get(sample))) : undefined;
    const contexts = await this.contexts.forMembers(profile ? [profile] : [], [campaign.couponTemplateId], this.clock.now());
    const rendered = renderMessage(template.fields, JSON.parse(campaign.fieldValuesJson) as Record<string, string>, (profile && contexts.get(profile.id, campaign.couponTemplateId)) ?? {});
    if (!rendered.ok) throw campaignInvalid(`fieldValues.${rendered.field}`, rendered.problem);
    try {
      const { msgid } = await this.wechat.sendSubscribeMessage({
        toOpenid: openid,
        templateId: template.wechatTemplateId,
        page: landingPage(campaign.page, campaign.id),
        data: rendered.data,
        fieldTypes: Object.fromEntries(template.fields.map((f) => [f.key, f.type])),
        miniprogramState: MINIPROGRAM_STATE[this.config.wechat.qrEnvVersion],
      });
      return { sent: true, msgid, data: rendered.data };
    } catch (error) {
      if (!(error instanceof WechatError)) throw error;
      // The staff member's own accept is needed too; WeChat's answer is the useful part.
      throw testSendRefused(error.errcode);
    }
  }

  private async move(
    staff: StaffPrincipal,
    id: number,
    from: CampaignStatus[],
    to: CampaignStatus,
    verb: string,
    requestId: string,
    changes: { pauseReason?: string | null; finishedAt?: Date },
    also?: (m: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.tx.run(async (m) => {
      const campaign = await this.require(m, id);
      if (!(await this.campaigns.transition(m, id, from, to, { at: this.clock.now(), ...changes }))) throw campaignStateConflict(id, campaign.status as CampaignStatus, verb);
      await also?.(m);
      await this.audit.record(m, { staff, requestId }, { action: `campaign.${to}`, targetType: 'campaign', targetId: id, summary: `${verb}营销活动 ${campaign.name}` });
    });
  }

  private async require(m: EntityManager, id: number): Promise<Campaign> {
    const campaign = await this.campaigns.byId(m, id);
    if (!campaign) throw campaignNotFound(id);
    return campaign;
  }

  private requestOf(c: Campaign): SaveCampaignRequest {
    return { name: c.name, templateId: c.templateId, fieldValues: JSON.parse(c.fieldValuesJson) as Record<string, string>, page: c.page, segmentId: c.segmentId, couponTemplateId: c.couponTemplateId, sendAt: c.sendAt?.toISOString() ?? null, quietStart: c.quietStart, quietEnd: c.quietEnd, weeklyCap: c.weeklyCap, holdoutPercent: c.holdoutPercent, attributionDays: c.attributionDays };
  }

  /** The request checked against the template, the segment and the coupon, as the columns to store. */
  private async checked(m: EntityManager, request: SaveCampaignRequest): Promise<Omit<Campaign, 'id' | 'status' | 'pauseReason' | 'snapshotId' | 'fanoutAfter' | 'fanoutDone' | 'sentCount' | 'failedCount' | 'createdBy' | 'createdAt' | 'updatedAt' | 'startedAt' | 'finishedAt'>> {
    let template: MessageTemplateRecord;
    try {
      template = await this.templates.requireForCampaign(m, request.templateId);
    } catch (error) {
      if (error instanceof AppError) throw campaignInvalid('templateId', error.message);
      throw error;
    }
    const values: Record<string, string> = {};
    for (const field of template.fields) {
      const value = request.fieldValues[field.key];
      if (typeof value !== 'string' || value.trim() === '') throw campaignInvalid(`fieldValues.${field.key}`, `「${field.label}」需要填写内容`);
      if (value.length > 200) throw campaignInvalid(`fieldValues.${field.key}`, 'at most 200 characters');
      const unknown = unknownPlaceholders(value);
      if (unknown.length) throw campaignInvalid(`fieldValues.${field.key}`, `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}`);
      values[field.key] = value;
    }
    const extra = Object.keys(request.fieldValues).filter((key) => !template.fields.some((f) => f.key === key));
    if (extra.length) throw campaignInvalid('fieldValues', `the template has no field ${extra.join(', ')}`);
    if (!(await this.segments.byId(m, request.segmentId))) throw campaignInvalid('segmentId', `no segment ${request.segmentId}`);
    if (request.couponTemplateId) {
      const coupon = await this.coupons.template(request.couponTemplateId, m);
      if (!coupon || !coupon.active) throw campaignInvalid('couponTemplateId', `coupon template ${request.couponTemplateId} does not exist or is switched off`);
    }
    return {
      name: request.name,
      templateId: template.id,
      fieldValuesJson: JSON.stringify(values),
      page: request.page,
      segmentId: request.segmentId,
      couponTemplateId: request.couponTemplateId ?? null,
      sendAt: request.sendAt ? new Date(request.sendAt) : null,
      quietStart: request.quietStart ?? CAMPAIGN_DEFAULT_QUIET_HOURS.start,
      quietEnd: request.quietEnd ?? CAMPAIGN_DEFAULT_QUIET_HOURS.end,
      weeklyCap: request.weeklyCap ?? null,
      holdoutPercent: request.holdoutPercent ?? 0,
      attributionDays: request.attributionDays ?? 7,
    };
  }
}
