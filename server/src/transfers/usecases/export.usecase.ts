import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EXPORT_DATASET_LABELS, ExportDataset, ExportJob, ExportRequest, StaffRole } from '@huiyuan/shared-types';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AuditTrail } from '../../audit/audit-trail';
import { CampaignsService } from '../../campaigns/campaigns.service';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { rangeReversed } from '../../common/errors/common.errors';
import { JobQueue } from '../../common/queue/job-queue';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { addDays } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { searchTerms } from '../../members/member-directory.service';
import { maskPhone, PhoneVault } from '../../members/phone-vault';
import { SegmentsRepository } from '../../segments/segments.repository';
import { SegmentsService } from '../../segments/segments.service';
import { StoreScope } from '../../stores/store-scope';
import { storeNotFound } from '../../stores/stores.errors';
import { TiersService } from '../../tiers/tiers.service';
import { ExportFilter, ExportReadsRepository } from '../export-reads.repository';
import { businessDateTimeFormatter, RawRow, sheetCells, SheetLookups, SHEETS } from '../export-sheets';
import { TransferJob } from '../entities/transfer-job.entity';
import { MemoryAllowance } from '../memory-allowance';
import { TRANSFER_FILE_TTL_MS, TransferFiles } from '../transfer-files';
import {
  auditExportHqOnly,
  memberFiltersOnOtherDataset,
  phoneRevealHqOnly,
  phonesOnlyInMembersExport,
  campaignFilterOnOtherDataset,
  segmentExportTakesNoFilters,
  transferNotFound,
  transferNotReady,
  unknownTierCode,
} from '../transfers.errors';
import { TransfersRepository } from '../transfers.repository';

export const EXPORT_JOB = 'transfers.export';
/** Rows read per query: large enough that a million rows are 500 index-range reads, small enough to hold flat. */
const BATCH = 2000;
/** How far an export may grow the process before it asks for a full collection (MemoryAllowance). */
const MEMORY_ALLOWANCE_BYTES = 48 << 20;

/** What the worker needs to run an export as it was asked, stored on the job. */
interface ExportParams {
  staff: { staffId: number; role: StaffRole; storeId: number };
  segmentId: number | null;
  filter: { storeIds: number[] | 'all'; from: string | null; to: string | null; member: ExportFilter['member']; campaignId?: number | null };
  revealPhones: boolean;
}

/** The output's buffer: a batch waits while more than this is waiting for the disk. */
const OUT_HIGH_WATER = 1 << 20;

/** Lets the zip drain: a turn of the event loop for the archiver to read the rows, then the file's drain if it is full. */
async function flowed(out: WriteStream): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (out.writableNeedDrain) await once(out, 'drain');
}

export function toExportView(job: TransferJob): ExportJob {
  const params = JSON.parse(job.paramsJson) as ExportParams;
  return {
    id: job.id,
    dataset: job.dataset as ExportDataset,
    status: job.status,
    processed: job.processed,
    total: job.total,
    revealPhones: params.revealPhones,
    fileName: job.fileName,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: job.expiresAt?.toISOString() ?? null,
  };
}

/**
 * An Excel export: asked for over HTTP (scope, filters and the audit settled there), built by a queue
 * worker with exceljs's streaming writer from id batches, so memory stays flat whatever the size,
 * and downloaded by the staff member who asked for it until the cleanup job deletes it.
 */
@Injectable()
export class ExportUseCase implements OnModuleInit {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly queue: JobQueue,
    private readonly jobs: TransfersRepository,
    private readonly reads: ExportReadsRepository,
    private readonly files: TransferFiles,
    private readonly audit: AuditTrail,
    private readonly scope: StoreScope,
    private readonly tiers: TiersService,
    private readonly phones: PhoneVault,
    private readonly segments: SegmentsService,
    private readonly segmentRows: SegmentsRepository,
    private readonly campaigns: CampaignsService,
  ) {}

  onModuleInit(): void {
    this.queue.register<{ id: number }>(EXPORT_JOB, ({ id }) => this.build(id));
  }

  async request(staff: StaffPrincipal, body: ExportRequest, requestId: string): Promise<ExportJob> {
    const hq = staff.role === StaffRole.HQ_ADMIN;
    if (body.dataset === ExportDataset.AUDIT && !hq) throw auditExportHqOnly();
    if (body.revealPhones && !hq) throw phoneRevealHqOnly();
    if (body.revealPhones && body.dataset !== ExportDataset.MEMBERS) throw phonesOnlyInMembersExport();
    if (body.dataset !== ExportDataset.MEMBERS && (body.segmentId !== undefined || body.q || body.tierCode)) throw memberFiltersOnOtherDataset();
    if (body.campaignId !== undefined && body.dataset !== ExportDataset.CAMPAIGN_DELIVERIES) throw campaignFilterOnOtherDataset();
    if (body.segmentId !== undefined && (body.q || body.tierCode || body.storeCode)) throw segmentExportTakesNoFilters();
    if (body.from && body.to && body.from > body.to) throw rangeReversed();
    // Checks the segment exists and is the staff member's to see before anything is queued.
    if (body.segmentId !== undefined) await this.segments.get(staff, body.segmentId);
    if (body.campaignId !== undefined) await this.campaigns.require(body.campaignId);
    const params: ExportParams = {
      staff: { staffId: staff.staffId, role: staff.role, storeId: staff.storeId },
      segmentId: body.segmentId ?? null,
      filter: {
        storeIds: await this.storeIds(staff, body.storeCode),
        from: body.from ? this.calendar.startOfDay(body.from).toISOString() : null,
        to: body.to ? this.calendar.startOfDay(addDays(body.to, 1)).toISOString() : null,
        member: await this.memberFilter(body),
        campaignId: body.campaignId ?? null,
      },
      revealPhones: body.revealPhones === true,
    };
    const now = this.clock.now();
    const label = EXPORT_DATASET_LABELS[body.dataset];
    const fileName = `${label}导出-${this.calendar.dateOf(now)}.xlsx`;
    const job = await this.tx.run(async (m) => {
      const id = await this.jobs.create(m, {
        kind: 'export', dataset: body.dataset, phase: null, status: 'queued', staffId: staff.staffId, paramsJson: JSON.stringify(params),
        processed: 0, total: null, accepted: 0, skipped: 0, rejected: 0, imported: 0, fileName, filePath: null, error: null,
        createdAt: now, updatedAt: now, finishedAt: null, expiresAt: null,
      });
      const filters = [body.segmentId !== undefined ? `分群 ${body.segmentId}` : null, body.campaignId !== undefined ? `活动 ${body.campaignId}` : null, body.storeCode ? `门店 ${body.storeCode}` : null, body.tierCode ? `等级 ${body.tierCode}` : null, body.q ? `搜索「${body.q}」` : null, body.from || body.to ? `${body.from ?? ''}～${body.to ?? ''}` : null].filter(Boolean);
      await this.audit.record(m, { staff, requestId }, {
        action: params.revealPhones ? 'export.reveal_phones' : 'export.create',
        targetType: 'export',
        targetId: id,
        summary: `导出${label}${filters.length ? `（${filters.join('，')}）` : ''}${params.revealPhones ? '，含完整手机号' : ''}`,
        after: { dataset: body.dataset, segmentId: params.segmentId, campaignId: body.campaignId ?? null, storeCode: body.storeCode ?? null, tierCode: body.tierCode ?? null, from: body.from ?? null, to: body.to ?? null, revealPhones: params.revealPhones },
      });
      return (await this.jobs.byId(m, id)) as TransferJob;
    });
    await this.queue.add(EXPORT_JOB, { id: job.id }, { jobId: `export-${job.id}`, attempts: 1 });
    return toExportView(job);
  }

  async list(staff: StaffPrincipal): Promise<ExportJob[]> {
    return (await this.tx.read((m) => this.jobs.recentOf(m, staff.staffId, 'export', 20))).map(toExportView);
  }

  async get(staff: StaffPrincipal, id: number): Promise<ExportJob> {
    return toExportView(await this.own(staff, id));
  }

  /** The finished file, for the staff member who asked for it. */
  async file(staff: StaffPrincipal, id: number): Promise<{ path: string; fileName: string }> {
    const job = await this.own(staff, id);
    if (job.status !== 'done' || !job.filePath) throw job.status === 'expired' ? transferNotFound(id) : transferNotReady(id, job.status);
    return { path: this.files.absolute(job.filePath), fileName: job.fileName };
  }

  /** The worker's part: claims the job (a duplicate delivery finds it taken), streams the sheet, then renames it into place. */
  async build(id: number): Promise<void> {
    const started = this.clock.now();
    const claimed = await this.tx.run((m) => this.jobs.claim(m, id, 'queued', { status: 'running', updatedAt: started }));
    if (!claimed) return;
    const job = (await this.tx.read((m) => this.jobs.byId(m, id))) as TransferJob;
    const params = JSON.parse(job.paramsJson) as ExportParams;
    const dataset = job.dataset as ExportDataset;
    const filter: ExportFilter = { ...params.filter, from: params.filter.from ? new Date(params.filter.from) : null, to: params.filter.to ? new Date(params.filter.to) : null };
    const relative = await this.files.newPath('exports', id, 'xlsx');
    try {
      const segment = params.segmentId !== null ? await this.segmentQuery(params) : null;
      const total = segment ? await this.tx.read((m) => this.segmentRows.count(m, segment)) : await this.tx.read((m) => this.reads.count(m, dataset, filter));
      await this.tx.run((m) => this.jobs.update(m, id, { total, updatedAt: this.clock.now() }));

      const spec = SHEETS[dataset];
      // Our own file stream, so each batch waits for the zip to reach the disk: without that the
      // compressed output piles up in Buffers outside the heap when the disk is slower than the reads.
      const out = createWriteStream(this.files.partial(relative), { highWaterMark: OUT_HIGH_WATER });
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 6 } } });
      const sheet = workbook.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      const lookups = await this.lookups(params.revealPhones);
      let processed = 0;
      const memory = new MemoryAllowance(MEMORY_ALLOWANCE_BYTES);
      for await (const rows of segment ? this.segmentBatches(segment) : this.batches(dataset, filter)) {
        for (const row of rows) sheet.addRow(sheetCells(spec, row, lookups)).commit();
        processed += rows.length;
        await flowed(out);
        memory.keep();
        await this.tx.run((m) => this.jobs.update(m, id, { processed, updatedAt: this.clock.now() }));
      }
      sheet.commit();
      await workbook.commit();
      await this.files.complete(relative);
      const finished = this.clock.now();
      await this.tx.run((m) => this.jobs.update(m, id, { status: 'done', processed, total: Math.max(total, processed), filePath: relative, finishedAt: finished, updatedAt: finished, expiresAt: new Date(finished.getTime() + TRANSFER_FILE_TTL_MS) }));
    } catch (error) {
      this.logger.error({ err: error, exportId: id }, `export ${id} failed`);
      await this.files.remove(relative);
      const now = this.clock.now();
      await this.tx.run((m) => this.jobs.update(m, id, { status: 'failed', error: '导出失败，请稍后重试', finishedAt: now, updatedAt: now }));
    }
  }

  private async *batches(dataset: ExportDataset, filter: ExportFilter): AsyncGenerator<RawRow[]> {
    for (let afterId = 0; ; ) {
      const rows = await this.tx.read((m) => this.reads.batch(m, dataset, filter, afterId, BATCH));
      if (rows.length === 0) return;
      yield rows;
      afterId = Number(rows[rows.length - 1]?.id);
    }
  }

  private async *segmentBatches(segment: Awaited<ReturnType<SegmentsService['query']>>): AsyncGenerator<RawRow[]> {
    for await (const ids of this.segments.memberIdPages(segment, BATCH)) yield await this.tx.read((m) => this.reads.membersByIds(m, ids));
  }

  /** The segment as the staff member who asked may see it (their stores), compiled afresh when the export runs. */
  private async segmentQuery(params: ExportParams) {
    const staff: StaffPrincipal = { kind: 'staff', ...params.staff, credentialStamp: '' };
    const segment = await this.segments.get(staff, params.segmentId as number);
    return this.segments.query(staff, JSON.parse(segment.rulesJson) as unknown);
  }

  private async lookups(revealPhones: boolean): Promise<SheetLookups> {
    const [tiers, stores] = await Promise.all([this.tiers.all(), this.scope.stores()]);
    const tierNames = new Map(tiers.map((t) => [t.id, t.name]));
    return {
      tierName: (id) => tierNames.get(id) ?? String(id),
      storeName: (id) => (id === null ? '' : (stores.get(id)?.name ?? String(id))),
      phone: (cipher, last4) => (revealPhones && cipher ? this.phones.open(cipher) : (maskPhone(last4) ?? '')),
      dateTime: businessDateTimeFormatter(this.calendar.timeZone),
    };
  }

  /** A store or region's subtree within what the staff member sees; HQ without a store sees all. */
  private async storeIds(staff: StaffPrincipal, storeCode: string | undefined): Promise<number[] | 'all'> {
    const stores = await this.scope.stores();
    let root: number;
    if (storeCode) {
      const store = [...stores.values()].find((s) => s.code === storeCode);
      if (!store) throw storeNotFound(storeCode);
      await this.scope.assertCovers(staff, store.id, `Store ${storeCode}`);
      root = store.id;
    } else if (staff.role === StaffRole.HQ_ADMIN) {
      return 'all';
    } else {
      root = staff.storeId;
    }
    const prefix = stores.get(root)?.path ?? '\u0000';
    return [...stores.values()].filter((s) => s.path.startsWith(prefix)).map((s) => s.id);
  }

  private async memberFilter(body: ExportRequest): Promise<ExportFilter['member']> {
    const { phone, ...terms } = searchTerms(body.q);
    const member: ExportFilter['member'] = { ...terms, ...(phone ? { phoneHash: this.phones.hash(phone) } : {}) };
    if (body.tierCode) {
      const tier = (await this.tiers.all()).find((t) => t.code === body.tierCode);
      if (!tier) throw unknownTierCode(body.tierCode);
      member.tierId = tier.id;
    }
    return member;
  }

  private async own(staff: StaffPrincipal, id: number): Promise<TransferJob> {
    const job = await this.tx.read((m) => this.jobs.byId(m, id));
    if (!job || job.kind !== 'export' || job.staffId !== staff.staffId) throw transferNotFound(id);
    return job;
  }
}
