import { Injectable } from '@nestjs/common';
import { BulkTagResult } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

/** Bulk tagging for other features (a segment's members): a page of ids per transaction, one audit record for the whole. */
@Injectable()
export class MemberTagging {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tags: TagsRepository,
    private readonly reads: TagsService,
    private readonly audit: AuditTrail,
  ) {}

  async apply(staff: StaffPrincipal, tagId: number, action: 'add' | 'remove', pages: AsyncIterable<number[]>, what: string, requestId: string): Promise<BulkTagResult> {
    const tag = await this.tx.read((m) => this.reads.givableTag(m, staff, tagId));
    let changed = 0;
    for await (const ids of pages) {
      changed += await this.tx.run((m) => (action === 'add' ? this.tags.addMembers(m, tagId, ids, this.clock.now()) : this.tags.removeMembers(m, tagId, ids)));
    }
    await this.tx.run((m) =>
      this.audit.record(m, { staff, requestId }, { action: action === 'add' ? 'tag.bulk_add' : 'tag.bulk_remove', targetType: 'tag', targetId: tagId, summary: `批量${action === 'add' ? '打上' : '移除'}标签 ${tag.name}：${what}，${changed} 人`, after: { changed } }),
    );
    return { tagId, changed };
  }
}
