import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, ImportJob, ImportRejection as ImportRejectionView, LedgerEntryType, Page } from '@huiyuan/shared-types';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { isDuplicateKeyError } from '../../common/db/db-errors';
import { AppError } from '../../common/errors/app-error';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { JobQueue } from '../../common/queue/job-queue';
import { BusinessCalendar } from '../../common/time/business-calendar';
import { Clock } from '../../common/time/clock';
import { solarBirthdayInYear } from '../../common/time/birthday';
import { MemberAccountRepository } from '../../members/member-accounts.repository';
import { newCardNo, newReferralCode } from '../../members/member-identifiers';
import { MembersRepository } from '../../members/members.repository';
import { PhoneVault } from '../../members/phone-vault';
import { PointsLedger } from '../../points/points-ledger';
import { StoreScope } from '../../stores/store-scope';
import { MemberStatsService } from '../../tags/member-stats.service';
import { TiersService } from '../../tiers/tiers.service';
import { TransferJob } from '../entities/transfer-job.entity';
import { readImportRows, sniffImportFile } from '../import-file';
import { CheckedRow, checkRow, ImportContext, ImportRow, mapHeader } from '../import-rows';
import { TRANSFER_FILE_TTL_MS, TransferFiles } from '../transfer-files';
import { importFileInvalid, importFileTooLarge, importHasRejectedRows, transferNotFound, transferNotReady } from '../transfers.errors';
import { TransfersRepository } from '../transfers.repository';

export const IMPORT_DRY_RUN_JOB = 'transfers.import-dry-run';
export const IMPORT_RUN_JOB = 'transfers.import-run';
/** Rows read, checked against the database (already imported, phone in use) and, importing, written in one transaction (multi-row INSERTs). */
const BATCH = 500;
/** Imported members have not seen the mini-program's notice: their consent came with the other system. */
const IMPORTED_CONSENT = 'imported';

export function toImportView(job: TransferJob): ImportJob {
  return {
    id: job.id,
    phase: job.phase ?? 'dry_run',
    status: job.status,
    fileName: job.fileName,
    processed: job.processed,
    total: job.total,
    accepted: job.accepted,
    skipped: job.skipped,
    rejected: job.rejected,
    imported: job.imported,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

interface Counts {
  processed: number;
  accepted: number;
  skipped: number;
  rejected: number;
  imported: number;
}

/**
 * Members from another system, from an .xlsx or CSV: the upload queues a dry run that checks every
 * row and records each rejection with its row number; when none is rejected HQ starts the import,
 * which creates each member once (keyed on the external card number), opens their points balance
 * through the ledger and their growth through the member account, with a reason, and is audited.
 */
@Injectable()
export class MemberImportUseCase implements OnModuleInit {
  private readonly logger = new Logger('MemberImport');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly queue: JobQueue,
    private readonly jobs: TransfersRepository,
    private readonly files: TransferFiles,
    private readonly audit: AuditTrail,
    private readonly scope: StoreScope,
    private readonly tiers: TiersService,
    private readonly phones: PhoneVault,
    private readonly members: MembersRepository,
    private readonly accounts: MemberAccountRepository,
    private readonly ledger: PointsLedger,
    private readonly memberStats: MemberStatsService,
  ) {}

  onModuleInit(): void {
    this.queue.register<{ id: number }>(IMPORT_DRY_RUN_JOB, ({ id }) => this.dryRun(id));
    this.queue.register<{ id: number }>(IMPORT_RUN_JOB, ({ id }) => this.run(id));
  }

  /** Stores the upload (refusing it past the size limit) and queues its dry run. */
  async upload(staff: StaffPrincipal, fileName: string, content: Readable & { truncated?: boolean }): Promise<ImportJob> {
    const now = this.clock.now();
    const name = fileName.replace(/[\\/]/g, '_').slice(-128) || 'import';
    const id = await this.tx.run((m) =>
      this.jobs.create(m, {
        kind: 'import', dataset: 'members', phase: 'dry_run', status: 'queued', staffId: staff.staffId, paramsJson: '{}',
        processed: 0, total: null, accepted: 0, skipped: 0, rejected: 0, imported: 0, fileName: name, filePath: null, error: null,
        createdAt: now, updatedAt: now, finishedAt: null, expiresAt: new Date(now.getTime() + TRANSFER_FILE_TTL_MS),
      }),
    );
    const relative = await this.files.newPath('imports', id, 'upload');
    try {
      await pipeline(content, createWriteStream(this.files.absolute(relative)));
      if (content.truncated) throw importFileTooLarge();
      await sniffImportFile(this.files.absolute(relative));
    } catch (error) {
      await this.files.remove(relative);
      await this.tx.run((m) => this.jobs.update(m, id, { status: 'failed', error: '上传的文件无法使用', finishedAt: this.clock.now() }));
      throw error;
    }
    const job = await this.tx.run(async (m) => {
      await this.jobs.update(m, id, { filePath: relative, updatedAt: this.clock.now() });
      return (await this.jobs.byId(m, id)) as TransferJob;
    });
    await this.queue.add(IMPORT_DRY_RUN_JOB, { id }, { jobId: `import-dry-run-${id}`, attempts: 1 });
    return toImportView(job);
  }

  async list(staff: StaffPrincipal): Promise<ImportJob[]> {
    return (await this.tx.read((m) => this.jobs.recentOf(m, staff.staffId, 'import', 20))).map(toImportView);
  }

  async get(staff: StaffPrincipal, id: number): Promise<ImportJob> {
    return toImportView(await this.own(staff, id));
  }

  async rejections(staff: StaffPrincipal, id: number, afterRow: number, limit: number): Promise<Page<ImportRejectionView>> {
    await this.own(staff, id);
    const rows = await this.tx.read((m) => this.jobs.rejections(m, id, afterRow, limit + 1));
    const page = rows.slice(0, limit);
    return { items: page.map((r) => ({ row: r.rowNo, cardNo: r.cardNo, message: r.message })), nextCursor: rows.length > limit ? String(page[page.length - 1]?.rowNo) : null };
  }

  /**
   * Starts the import of a file whose dry run finished with nothing rejected; asking twice starts it
   * once. An import that failed (its worker died) starts again: the members it created are skipped.
   */
  async start(staff: StaffPrincipal, id: number, requestId: string): Promise<ImportJob> {
    const job = await this.own(staff, id);
    if (job.phase === 'import' && job.status === 'failed' && job.filePath) return this.resume(staff, job, requestId);
    if (job.phase === 'import') return toImportView(job);
    if (job.status !== 'done' || !job.filePath) throw job.status === 'expired' ? transferNotFound(id) : transferNotReady(id, job.status);
    if (job.rejected > 0) throw importHasRejectedRows(job.rejected);
    const started = await this.tx.run(async (m) => {
      const now = this.clock.now();
      const claimed = await this.jobs.claim(m, id, 'done', { phase: 'import', status: 'queued', updatedAt: now, finishedAt: null, processed: 0, expiresAt: new Date(now.getTime() + TRANSFER_FILE_TTL_MS) });
      if (claimed) {
        await this.audit.record(m, { staff, requestId }, {
          action: 'members.import',
          targetType: 'import',
          targetId: id,
          summary: `导入会员：文件「${job.fileName}」，${job.accepted} 名待导入，${job.skipped} 名此前已导入`,
          after: { fileName: job.fileName, accepted: job.accepted, skipped: job.skipped },
        });
      }
      return { claimed, job: (await this.jobs.byId(m, id)) as TransferJob };
    });
    if (started.claimed) await this.queue.add(IMPORT_RUN_JOB, { id }, { jobId: `import-run-${id}`, attempts: 1 });
    return toImportView(started.job);
  }

  private async resume(staff: StaffPrincipal, job: TransferJob, requestId: string): Promise<ImportJob> {
    const now = this.clock.now();
    const resumed = await this.tx.run(async (m) => {
      const claimed = await this.jobs.claim(m, job.id, 'failed', { status: 'queued', error: null, updatedAt: now, finishedAt: null, processed: 0, expiresAt: new Date(now.getTime() + TRANSFER_FILE_TTL_MS) });
      if (claimed) {
        await this.audit.record(m, { staff, requestId }, {
          action: 'members.import',
          targetType: 'import',
          targetId: job.id,
          summary: `继续导入会员：文件「${job.fileName}」（上次中断，已导入的会员将跳过）`,
          after: { fileName: job.fileName, resumed: true },
        });
      }
      return { claimed, job: (await this.jobs.byId(m, job.id)) as TransferJob };
    });
    // Its own queue id: the failed run's may still be remembered by the queue.
    if (resumed.claimed) await this.queue.add(IMPORT_RUN_JOB, { id: job.id }, { jobId: `import-run-${job.id}-${now.getTime()}`, attempts: 1 });
    return toImportView(resumed.job);
  }

  /** Every row checked, nothing written but the rejections and the counts. */
  async dryRun(id: number): Promise<void> {
    await this.process(id, 'dry_run', async (job, rows, counts) => {
      const rejections = rows.filter((r): r is Extract<CheckedRow, { ok: false }> => !r.ok);
      const valid = rows.filter((r): r is Extract<CheckedRow, { ok: true }> => r.ok).map((r) => r.row);
      const { fresh, known } = await this.tx.read(async (m) => this.sortOut(m, valid));
      const phoneTaken = await this.tx.read((m) => this.members.phoneHashesInUse(m, fresh.filter((r) => r.phone).map((r) => this.phones.hash(r.phone as string))));
      const accepted: ImportRow[] = [];
      for (const row of fresh) {
        if (row.phone && phoneTaken.has(this.phones.hash(row.phone))) rejections.push({ ok: false, rowNo: row.rowNo, cardNo: row.cardNo, message: `手机号 ${row.phone} 已属于现有会员，不能重复开卡` });
        else accepted.push(row);
      }
      counts.accepted += accepted.length;
      counts.skipped += known.length;
      counts.rejected += rejections.length;
      rejections.sort((a, b) => a.rowNo - b.rowNo);
      await this.tx.run((m) => this.jobs.addRejections(m, job.id, rejections));
    });
  }

  /** Creates the members; a row imported before (this run retried, or another run) is skipped, never doubled. */
  async run(id: number): Promise<void> {
    await this.process(id, 'import', async (job, rows, counts) => {
      const checked = rows.filter((r): r is Extract<CheckedRow, { ok: true }> => r.ok).map((r) => r.row);
      // A member may have joined with one of these phones since the dry run.
      const { fresh } = await this.tx.read((m) => this.sortOut(m, checked));
      const phoneTaken = await this.tx.read((m) => this.members.phoneHashesInUse(m, fresh.filter((r) => r.phone).map((r) => this.phones.hash(r.phone as string))));
      const refused = new Set(fresh.filter((r) => r.phone && phoneTaken.has(this.phones.hash(r.phone))));
      const valid = checked.filter((r) => !refused.has(r));
      const rejections = rows.filter((r): r is Extract<CheckedRow, { ok: false }> => !r.ok);
      for (const r of refused) rejections.push({ ok: false, rowNo: r.rowNo, cardNo: r.cardNo, message: `手机号 ${r.phone} 已属于现有会员，未导入` });
      counts.rejected += rejections.length;
      await this.tx.run((m) => this.jobs.addRejections(m, job.id, rejections));
      counts.imported += await this.writeBatch(job, valid);
      counts.skipped = counts.processed - counts.rejected - counts.imported;
    });
  }

  /**
   * Reads the file in batches and hands each to `work`, with the header mapped, every row checked and
   * duplicates inside the file rejected; progress is saved after each batch.
   */
  private async process(id: number, phase: 'dry_run' | 'import', work: (job: TransferJob, rows: CheckedRow[], counts: Counts) => Promise<void>): Promise<void> {
    const claimed = await this.tx.run((m) => this.jobs.claim(m, id, 'queued', { status: 'running', updatedAt: this.clock.now() }));
    if (!claimed) return;
    const job = (await this.tx.read((m) => this.jobs.byId(m, id))) as TransferJob;
    if (job.phase !== phase || !job.filePath) return;
    const counts: Counts = { processed: 0, accepted: 0, skipped: 0, rejected: 0, imported: 0 };
    try {
      // An import's own rejections (a phone taken since the dry run) are counted afresh when a failed run starts again.
      await this.tx.run((m) => this.jobs.clearRejections(m, id));
      const path = this.files.absolute(job.filePath);
      const context = await this.context();
      let columns: ReturnType<typeof mapHeader>['columns'] | null = null;
      const firstRowOf = new Map<string, number>();
      const phoneRowOf = new Map<string, number>();
      let pending: CheckedRow[] = [];
      const flush = async () => {
        counts.processed += pending.length;
        await work(job, pending, counts);
        pending = [];
        await this.tx.run((m) => this.jobs.update(m, id, { ...counts, ...(phase === 'import' ? { accepted: job.accepted } : {}), updatedAt: this.clock.now() }));
      };
      for await (const { rowNo, cells } of readImportRows(path, await sniffImportFile(path))) {
        if (columns === null) {
          const header = mapHeader(cells);
          if (header.problem) throw importFileInvalid(header.problem);
          columns = header.columns;
          continue;
        }
        if (cells.every((c) => c === null || String(c).trim() === '')) continue;
        let checked = checkRow(cells, rowNo, columns, context);
        if (checked.ok) checked = this.unique(checked.row, firstRowOf, phoneRowOf);
        pending.push(checked);
        if (pending.length >= BATCH) await flush();
      }
      if (columns === null) throw importFileInvalid('文件里没有任何行');
      await flush();
      const finished = this.clock.now();
      await this.tx.run(async (m) => {
        await this.jobs.update(m, id, { ...counts, ...(phase === 'import' ? { accepted: job.accepted } : {}), total: counts.processed, status: 'done', finishedAt: finished, updatedAt: finished });
        if (phase === 'import') {
          await this.audit.record(m, { staff: null, storeId: null }, {
            action: 'members.import.finished',
            targetType: 'import',
            targetId: id,
            summary: `会员导入完成：文件「${job.fileName}」，新建 ${counts.imported} 名，跳过已导入 ${counts.skipped} 名`,
            after: { ...counts, staffId: job.staffId },
          });
        }
      });
    } catch (error) {
      const known = error instanceof AppError && error.code === ErrorCode.IMPORT_FILE_INVALID;
      if (!known) this.logger.error({ err: error, importId: id }, `import ${id} (${phase}) failed`);
      const now = this.clock.now();
      await this.tx.run((m) => this.jobs.update(m, id, { ...counts, status: 'failed', error: known ? (error as Error).message.slice(0, 255) : '处理失败，请稍后重试', finishedAt: now, updatedAt: now }));
    }
  }

  /** A card number or phone that appeared on an earlier row of the same file. */
  private unique(row: ImportRow, firstRowOf: Map<string, number>, phoneRowOf: Map<string, number>): CheckedRow {
    const earlier = firstRowOf.get(row.cardNo);
    if (earlier !== undefined) return { ok: false, rowNo: row.rowNo, cardNo: row.cardNo, message: `卡号 ${row.cardNo} 与第 ${earlier} 行重复` };
    firstRowOf.set(row.cardNo, row.rowNo);
    if (row.phone) {
      const phoneEarlier = phoneRowOf.get(row.phone);
      if (phoneEarlier !== undefined) return { ok: false, rowNo: row.rowNo, cardNo: row.cardNo, message: `手机号 ${row.phone} 与第 ${phoneEarlier} 行重复` };
      phoneRowOf.set(row.phone, row.rowNo);
    }
    return { ok: true, row };
  }

  private async sortOut(m: EntityManager, rows: ImportRow[]): Promise<{ fresh: ImportRow[]; known: ImportRow[] }> {
    const imported = await this.jobs.importedCardNos(m, rows.map((r) => r.cardNo));
    return { fresh: rows.filter((r) => !imported.has(r.cardNo)), known: rows.filter((r) => imported.has(r.cardNo)) };
  }

  /**
   * One transaction: the rows not imported yet become members, in multi-row INSERTs (members, import
   * keys, ledger entries and lots, growth entries, stats); returns how many.
   */
  private async write(m: EntityManager, job: TransferJob, rows: ImportRow[]): Promise<number> {
    const { fresh } = await this.sortOut(m, rows);
    if (fresh.length === 0) return 0;
    const now = this.clock.now();
    const thisYear = Number(this.calendar.today().slice(0, 4));
    const cardNos = fresh.map(() => newCardNo());
    await this.members.insertMany(m, fresh.map((row, i) => this.memberRow(row, cardNos[i] as string, thisYear, now)));
    const idOf = await this.members.idsByCardNo(m, cardNos);
    const created = fresh.map((row, i) => ({ row, memberId: idOf.get(cardNos[i] as string) as number }));
    // The keys' primary key: a card another run imported meanwhile fails the whole batch here.
    await this.jobs.addImportKeys(m, created.map(({ row, memberId }) => ({ externalCardNo: row.cardNo, memberId, jobId: job.id, createdAt: now })));
    const source = { type: 'import', id: String(job.id) };
    const growth = (row: ImportRow) => (row.growth > 0 ? { amount: row.growth, source } : undefined);
    await this.ledger.creditMany(
      m,
      LedgerEntryType.ADJUST,
      created.filter(({ row }) => row.points > 0).map(({ row, memberId }) => ({
        points: row.points,
        source: { memberId, sourceType: 'import', sourceId: String(job.id), staffId: job.staffId, reason: `原会员卡 ${row.cardNo} 积分余额迁入`.slice(0, 128), dedupeKey: `import:${memberId}` },
        growth: growth(row),
      })),
    );
    await this.accounts.creditMany(m, created.filter(({ row }) => row.points === 0 && row.growth > 0).map(({ row, memberId }) => ({ memberId, points: 0, growth: growth(row) })));
    await this.memberStats.refreshMembers(m, created.map((c) => c.memberId));
    return created.length;
  }

  /**
   * A duplicate key fails the whole batch: either a card another run imported meanwhile (the next try
   * re-reads the keys and skips it) or a random card number or referral code that collided (drawn again).
   */
  private async writeBatch(job: TransferJob, rows: ImportRow[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run((m) => this.write(m, job, rows));
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= 5) throw error;
      }
    }
  }

  private memberRow(row: ImportRow, cardNo: string, thisYear: number, now: Date): Parameters<MembersRepository['insertMany']>[1][number] {
    const sealed = row.phone ? this.phones.seal(row.phone) : null;
    const b = row.birthday;
    return {
      openid: null, unionid: null, cardNo, nickname: row.name, gender: 'unknown',
      birthdayCalendar: b?.calendar ?? null, birthYear: b?.year ?? null, birthMonth: b?.month ?? null, birthDay: b?.day ?? null,
      birthdaySolarMmdd: b ? solarBirthdayInYear(b.calendar, b.month, b.day, thisYear) : null,
      phoneCipher: sealed?.cipher ?? null, phoneHash: sealed?.hash ?? null, phoneLast4: sealed?.last4 ?? null,
      region: null, occupation: null, tierId: row.tierId, pointsBalance: 0, growth: 0, joinStoreId: row.storeId, referrerId: null,
      referralCode: newReferralCode(), codeSecret: randomBytes(24).toString('base64url'), maintainingClerkId: null,
      consentVersion: IMPORTED_CONSENT, consentedAt: now, lastVisitAt: null, status: 'active', deletedAt: null, createdAt: now,
    };
  }

  private async context(): Promise<ImportContext> {
    const [stores, tiers, base] = await Promise.all([this.scope.stores(), this.tiers.all(), this.tiers.base()]);
    const storeIdByKey = new Map<string, number>();
    for (const s of stores.values()) {
      if (s.kind !== 'store') continue;
      storeIdByKey.set(s.code, s.id);
      storeIdByKey.set(s.name, s.id);
    }
    const tierIdByKey = new Map<string, number>();
    for (const t of tiers) {
      tierIdByKey.set(t.code, t.id);
      tierIdByKey.set(t.name, t.id);
      // 银卡 for 银卡会员: how people write a tier in their own sheets.
      if (t.name.endsWith('会员') && t.name.length > 2) tierIdByKey.set(t.name.slice(0, -2), t.id);
    }
    return { storeIdByKey, tierIdByKey, baseTierId: base.id, thisYear: Number(this.calendar.today().slice(0, 4)) };
  }

  private async own(staff: StaffPrincipal, id: number): Promise<TransferJob> {
    const job = await this.tx.read((m) => this.jobs.byId(m, id));
    if (!job || job.kind !== 'import' || job.staffId !== staff.staffId) throw transferNotFound(id);
    return job;
  }
}
