import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MessageTemplateCode, MessageTemplateField, MessageTemplateView, SaveMessageTemplateRequest, TemplatePurpose, WechatLibraryTemplate } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SANDBOX_TEMPLATES } from '../wechat/sandbox/sandbox-templates';
import { WechatGateway } from '../wechat/wechat-gateway';
import { fieldTypeOfKey } from '../wechat/subscribe-message-fields';
import { DEVELOPMENT_TEMPLATE_SET } from './development-templates';
import { MessageTemplate } from './entities/message-template.entity';
import { MessageTemplatesRepository } from './message-templates.repository';
import { SubscriptionGrantsRepository } from './subscription-grants.repository';
import { templateInvalid, templateNotForCampaigns, templateNotFound, templateTaken } from './subscriptions.errors';
import { fieldsFromTemplateContent, templateFieldsProblem, templatePageProblem } from './template-rules';

/** A registered template as the senders use it. */
export interface MessageTemplateRecord {
  id: number;
  wechatTemplateId: string;
  code: MessageTemplateCode | null;
  title: string;
  fields: MessageTemplateField[];
  purpose: TemplatePurpose;
  page: string | null;
  active: boolean;
}

export function templateRecord(t: MessageTemplate): MessageTemplateRecord {
  return { id: t.id, wechatTemplateId: t.wechatTemplateId, code: t.code, title: t.title, fields: JSON.parse(t.fieldsJson) as MessageTemplateField[], purpose: t.purpose, page: t.page, active: t.active };
}

/** The templates HQ registered for the WeChat app this server runs as. */
@Injectable()
export class MessageTemplatesService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: MessageTemplatesRepository,
    private readonly grants: SubscriptionGrantsRepository,
    private readonly wechat: WechatGateway,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get appId(): string {
    return this.wechat.appId;
  }

  /** Without WeChat credentials the sandbox's templates are the development set, registered from the start. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.wechat.appId) return;
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      for (const entry of DEVELOPMENT_TEMPLATE_SET) {
        const sandbox = SANDBOX_TEMPLATES.find((t) => t.id === entry.wechatTemplateId);
        if (!sandbox) continue;
        const fields = Object.entries(sandbox.fields).map(([key, label]) => ({ key, type: fieldTypeOfKey(key)!, label }));
        await this.templates.createIfMissing(m, { appId: this.appId, wechatTemplateId: sandbox.id, code: entry.code, title: sandbox.title, fieldsJson: JSON.stringify(fields), purpose: entry.purpose, page: entry.page, active: true, createdAt: now, updatedAt: now });
      }
    });
  }

  async list(): Promise<MessageTemplateView[]> {
    return this.tx.read(async (m) => {
      const [rows, totals] = await Promise.all([this.templates.list(m, this.appId), this.grants.totalsByTemplate(m)]);
      return rows.map((t) => this.view(t, totals.get(t.id)));
    });
  }

  /** The registered templates without their quota totals: what a segment rule may name. */
  async records(): Promise<MessageTemplateRecord[]> {
    return (await this.tx.read((m) => this.templates.list(m, this.appId))).map(templateRecord);
  }

  private view(t: MessageTemplate, totals?: { members: number; remaining: number }): MessageTemplateView {
    const record = templateRecord(t);
    return { ...record, appId: t.appId, membersWithQuota: totals?.members ?? 0, remainingTotal: totals?.remaining ?? 0, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() };
  }

  /** A template of this app by id, or null. */
  async byId(m: EntityManager, id: number): Promise<MessageTemplateRecord | null> {
    const t = await this.templates.byId(m, id);
    return t && t.appId === this.appId ? templateRecord(t) : null;
  }

  /** The active template registered under a code (checkin_reminder…), or null when HQ has none. */
  async byCode(m: EntityManager, code: MessageTemplateCode): Promise<MessageTemplateRecord | null> {
    const t = await this.templates.byCode(m, this.appId, code);
    return t && t.active ? templateRecord(t) : null;
  }

  async byWechatId(m: EntityManager, wechatTemplateId: string): Promise<MessageTemplateRecord | null> {
    const t = await this.templates.byWechatId(m, this.appId, wechatTemplateId);
    return t ? templateRecord(t) : null;
  }

  /** A campaign's template: active and of campaign purpose, so campaigns never spend service accepts. */
  async requireForCampaign(m: EntityManager, id: number): Promise<MessageTemplateRecord> {
    const t = await this.byId(m, id);
    if (!t || !t.active) throw templateNotFound(id);
    if (t.purpose !== 'campaign') throw templateNotForCampaigns(t.title);
    return t;
  }

  /** The app's templates in WeChat's library, marked when already registered. */
  async library(): Promise<WechatLibraryTemplate[]> {
    const [listed, registered] = await Promise.all([this.wechat.listTemplates(), this.tx.read((m) => this.templates.list(m, this.appId))]);
    const ids = new Set(registered.map((t) => t.wechatTemplateId));
    return listed
      .filter((t) => t.type === 2)
      .map((t) => ({ wechatTemplateId: t.id, title: t.title, fields: fieldsFromTemplateContent(t.content), registered: ids.has(t.id) }));
  }

  async create(staff: StaffPrincipal, request: SaveMessageTemplateRequest, requestId: string): Promise<MessageTemplateView> {
    checkTemplate(request);
    const now = this.clock.now();
    const id = await this.saving(request, () =>
      this.tx.run(async (m) => {
        const id = await this.templates.create(m, { appId: this.appId, ...this.columns(request), active: request.active ?? true, createdAt: now, updatedAt: now });
        await this.audit.record(m, { staff, requestId }, { action: 'message_template.create', targetType: 'message_template', targetId: id, summary: `登记消息模板 ${request.title}`, after: request });
        return id;
      }),
    );
    return this.viewById(id);
  }

  async update(staff: StaffPrincipal, id: number, request: SaveMessageTemplateRequest, requestId: string): Promise<MessageTemplateView> {
    checkTemplate(request);
    await this.saving(request, () =>
      this.tx.run(async (m) => {
        const before = await this.byId(m, id);
        if (!before) throw templateNotFound(id);
        await this.templates.update(m, id, { ...this.columns(request), active: request.active ?? before.active, updatedAt: this.clock.now() });
        await this.audit.record(m, { staff, requestId }, { action: 'message_template.update', targetType: 'message_template', targetId: id, summary: `修改消息模板 ${request.title}`, before, after: request });
      }),
    );
    return this.viewById(id);
  }

  private columns(request: SaveMessageTemplateRequest) {
    return {
      wechatTemplateId: request.wechatTemplateId.trim(),
      code: request.code ?? null,
      title: request.title.trim(),
      fieldsJson: JSON.stringify(request.fields.map((f) => ({ key: f.key, type: f.type, label: f.label.trim() }))),
      purpose: request.purpose,
      page: request.page ? request.page.replace(/^\//, '') : null,
    };
  }

  private async saving<T>(request: SaveMessageTemplateRequest, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const taken = await this.tx.read((m) => this.templates.byWechatId(m, this.appId, request.wechatTemplateId.trim()));
      throw templateTaken(taken ? `Template id ${request.wechatTemplateId}` : `Code ${request.code}`);
    }
  }

  private async viewById(id: number): Promise<MessageTemplateView> {
    const view = (await this.list()).find((t) => t.id === id);
    if (!view) throw templateNotFound(id);
    return view;
  }
}

function checkTemplate(request: SaveMessageTemplateRequest): void {
  const problem = templateFieldsProblem(request.fields) ?? (request.page ? templatePageProblem(request.page) : null);
  if (problem) throw templateInvalid(problem);
}
