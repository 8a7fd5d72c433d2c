import { Injectable } from '@nestjs/common';
import { AutomationKind, AutomationOccurrenceView, AutomationView, UpdateAutomationRequest } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { unknownPlaceholders } from '../campaigns/message-rendering';
import { CouponsRepository } from '../coupons/coupons.repository';
import { MessageTemplatesService } from '../subscriptions/message-templates.service';
import { AutomationEngine } from './automation-engine';
import { AUTOMATIONS } from './automation-rules';
import {
  announcementGivesNothing,
  automationNotFound,
  automationTakesNoTime,
  automationTooManyDays,
  automationTakesNoDays,
  couponTemplateNotActive,
  couponValidOnlyAtIssuingStore,
  fieldValueTooLong,
  messageTemplateNotActive,
  notATemplateFieldKey,
  pointsChangedAwardsPoints,
  tooManyFieldValues,
  unknownPlaceholder,
} from './automations.errors';
import { AutomationsRepository } from './automations.repository';
import { Automation } from './entities/automation.entity';

const FIELD_KEY = /^[a-z_]+[0-9]{1,2}$/;
const MAX_FIELDS = 20;
const MAX_FIELD_LENGTH = 200;
const THIRTY_DAYS_MS = 30 * 86_400_000;

/** HQ's view and edits of the automations (one per kind). */
@Injectable()
export class AutomationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: AutomationsRepository,
    private readonly coupons: CouponsRepository,
    private readonly templates: MessageTemplatesService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly engine: AutomationEngine,
  ) {}

  async list(): Promise<AutomationView[]> {
    await this.tx.run(async (m) => {
      for (const kind of Object.values(AutomationKind)) await this.repository.ensure(m, kind, AUTOMATIONS[kind].fieldValues, AUTOMATIONS[kind].defaultDays);
    });
    return this.tx.read(async (m) => {
      const counts = await this.repository.countsSince(m, new Date(this.clock.now().getTime() - THIRTY_DAYS_MS));
      const rows = await this.repository.all(m);
      const order = Object.values(AutomationKind);
      const titles = new Map<number, string>();
      for (const id of new Set(rows.map((r) => r.couponTemplateId).filter((c): c is number => c !== null))) titles.set(id, (await this.coupons.template(id, m))?.title ?? `#${id}`);
      return rows
        .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
        .map((r) => automationView(r, counts.get(r.id) ?? { fired: 0, expired: 0 }, r.couponTemplateId === null ? null : (titles.get(r.couponTemplateId) ?? null)));
    });
  }

  async update(actor: StaffPrincipal, id: number, request: UpdateAutomationRequest, requestId: string): Promise<AutomationView> {
    await this.tx.run(async (m) => {
      const row = await this.find(m, id);
      const def = AUTOMATIONS[row.kind];
      if (request.fieldValues) checkFieldValues(request.fieldValues, def.extraPlaceholders ?? {});
      if (def.noAwards && ((request.couponTemplateId ?? null) !== null || (request.pointsAward ?? 0) > 0)) throw announcementGivesNothing(def.name, request.couponTemplateId ? 'couponTemplateId' : 'pointsAward');
      if (request.timing?.time != null && !def.timeLabel) throw automationTakesNoTime(def.name);
      if (request.timing && def.maxDays !== undefined && request.timing.days > def.maxDays) throw automationTooManyDays(def.name, def.maxDays);
      if (row.kind === AutomationKind.POINTS_CHANGED && (request.pointsAward ?? 0) > 0) throw pointsChangedAwardsPoints();
      if (request.templateId) {
        const template = await this.templates.byId(m, request.templateId);
        if (!template || !template.active) throw messageTemplateNotActive(request.templateId);
      }
      if (request.couponTemplateId) {
        const template = await this.coupons.template(request.couponTemplateId, m);
        if (!template || !template.active) throw couponTemplateNotActive(request.couponTemplateId);
        if (template.storeScope === 'issuing') throw couponValidOnlyAtIssuingStore(template.title);
      }
      if (request.timing && AUTOMATIONS[row.kind].timingLabel === null && request.timing.days !== 0) throw automationTakesNoDays(AUTOMATIONS[row.kind].name);
      const changes: Partial<Automation> = { updatedBy: actor.staffId, updatedAt: this.clock.now() };
      if (request.enabled !== undefined) changes.enabled = request.enabled;
      if (request.templateId !== undefined) changes.templateId = request.templateId;
      if (request.fieldValues !== undefined) changes.fieldValues = JSON.stringify(request.fieldValues);
      if (request.page !== undefined) changes.page = request.page;
      if (request.couponTemplateId !== undefined) changes.couponTemplateId = request.couponTemplateId;
      if (request.pointsAward !== undefined) changes.pointsAward = request.pointsAward;
      if (request.timing !== undefined) changes.timingDays = request.timing.days;
      if (request.timing?.time != null) changes.timingTime = request.timing.time;
      await this.repository.update(m, id, changes);
      if (request.enabled !== undefined) this.tx.afterCommit(m, () => this.engine.forgetSwitches());
      await this.audit.record(m, { staff: actor, requestId }, {
        action: 'automation.update',
        targetType: 'automation',
        targetId: id,
        summary: `${request.enabled === undefined ? '修改' : request.enabled ? '开启' : '关闭'}自动化「${AUTOMATIONS[row.kind].name}」`,
        before: automationView(row, { fired: 0, expired: 0 }, null),
        after: request,
      });
    });
    return (await this.list()).find((a) => a.id === id)!;
  }

  async occurrences(id: number): Promise<AutomationOccurrenceView[]> {
    return this.tx.read(async (m) => {
      await this.find(m, id);
      return (await this.repository.recent(m, id, 100)).map((o) => ({ ...o, createdAt: o.createdAt.toISOString() }));
    });
  }

  private async find(m: EntityManager, id: number): Promise<Automation> {
    const row = (await this.repository.all(m)).find((a) => a.id === id);
    if (!row) throw automationNotFound(id);
    return row;
  }
}

function checkFieldValues(values: Record<string, string>, own: Record<string, string>): void {
  const entries = Object.entries(values);
  if (entries.length > MAX_FIELDS) throw tooManyFieldValues(MAX_FIELDS);
  for (const [key, value] of entries) {
    if (!FIELD_KEY.test(key)) throw notATemplateFieldKey(key);
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) throw fieldValueTooLong(key, MAX_FIELD_LENGTH);
    const unknown = unknownPlaceholders(value).filter((name) => !(name in own));
    if (unknown.length) throw unknownPlaceholder(key, unknown);
  }
}

function automationView(r: Automation, last30Days: { fired: number; expired: number }, couponTitle: string | null): AutomationView {
  const def = AUTOMATIONS[r.kind];
  return {
    id: r.id,
    kind: r.kind,
    name: def.name,
    description: def.description,
    enabled: Boolean(r.enabled),
    templateId: r.templateId,
    fieldValues: JSON.parse(r.fieldValues) as Record<string, string>,
    page: r.page,
    couponTemplateId: r.couponTemplateId,
    couponTitle,
    pointsAward: r.pointsAward,
    timing: def.timeLabel ? { days: r.timingDays, time: r.timingTime ?? def.defaultTime ?? null } : { days: r.timingDays },
    timingLabel: def.timingLabel,
    timeLabel: def.timeLabel ?? null,
    awards: !def.noAwards,
    extraPlaceholders: def.extraPlaceholders ?? {},
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
    last30Days,
  };
}
