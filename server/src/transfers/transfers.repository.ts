import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { execute, findRow, insertRow, insertRows, sqlDate } from '../common/db/sql';
import { ImportRejection } from './entities/import-rejection.entity';
import { MemberImportKey } from './entities/member-import-key.entity';
import { TransferJob } from './entities/transfer-job.entity';

/** Every statement on transfer_jobs, import_rejections and member_import_keys. */
@Injectable()
export class TransfersRepository {
  create(m: EntityManager, job: Omit<TransferJob, 'id'>): Promise<number> {
    return insertRow(m, TransferJob, job);
  }

  byId(m: EntityManager, id: number): Promise<TransferJob | null> {
    return findRow(m, TransferJob, { id });
  }

  async recentOf(m: EntityManager, staffId: number, kind: TransferJob['kind'], limit: number): Promise<TransferJob[]> {
    return m.find(TransferJob, { where: { staffId, kind }, order: { id: 'DESC' }, take: limit });
  }

  async update(m: EntityManager, id: number, changes: Partial<Omit<TransferJob, 'id'>>): Promise<void> {
    await m.update(TransferJob, { id }, changes);
  }

  /** Moves a job from one status to the next only if it is still in the first: two workers never both start it. */
  async claim(m: EntityManager, id: number, from: TransferJob['status'], changes: Partial<Omit<TransferJob, 'id'>>): Promise<boolean> {
    return ((await m.update(TransferJob, { id, status: from }, changes)).affected ?? 0) === 1;
  }

  /** Files whose time is up (done or failed, with a file still on disk). */
  async expired(m: EntityManager, now: Date): Promise<TransferJob[]> {
    return m.createQueryBuilder(TransferJob, 'j').where('j.expires_at <= :now', { now: sqlDate(m, now) }).andWhere('j.file_path IS NOT NULL').orderBy('j.id').take(500).getMany();
  }

  /** Running or queued jobs whose heartbeat stopped: their worker died (a kill -9, a restart). */
  async abandon(m: EntityManager, staleBefore: Date, now: Date, expiresAt: Date): Promise<number> {
    return execute(m, "UPDATE transfer_jobs SET status = 'failed', error = ?, finished_at = ?, expires_at = ? WHERE status IN ('queued', 'running') AND updated_at < ?", [
      '任务中断（服务重启或进程退出），请重新发起',
      sqlDate(m, now),
      sqlDate(m, expiresAt),
      sqlDate(m, staleBefore),
    ]);
  }

  async addRejections(m: EntityManager, jobId: number, rows: Array<{ rowNo: number; cardNo: string | null; message: string }>): Promise<void> {
    if (rows.length) await m.insert(ImportRejection, rows.map((r) => ({ jobId, rowNo: r.rowNo, cardNo: r.cardNo?.slice(0, 64) ?? null, message: r.message.slice(0, 255) })));
  }

  async clearRejections(m: EntityManager, jobId: number): Promise<void> {
    await execute(m, 'DELETE FROM import_rejections WHERE job_id = ?', [jobId]);
  }

  async rejections(m: EntityManager, jobId: number, afterRow: number, limit: number): Promise<ImportRejection[]> {
    return m.createQueryBuilder(ImportRejection, 'r').where('r.job_id = :jobId AND r.row_no > :afterRow', { jobId, afterRow }).orderBy('r.row_no').take(limit).getMany();
  }

  /** External card numbers of the list that were imported before. */
  async importedCardNos(m: EntityManager, cardNos: string[]): Promise<Set<string>> {
    if (cardNos.length === 0) return new Set();
    return new Set((await m.find(MemberImportKey, { select: { externalCardNo: true }, where: { externalCardNo: In(cardNos) } })).map((k) => k.externalCardNo));
  }

  /** Throws a duplicate-key error when a card was imported already (by another run at the same time). */
  addImportKeys(m: EntityManager, keys: MemberImportKey[]): Promise<void> {
    return insertRows(m, MemberImportKey, keys);
  }
}
