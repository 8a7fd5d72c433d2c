import { Injectable } from '@nestjs/common';
import { BulkTagResult, SaveSegmentRequest, SegmentSnapshotView, SegmentView, StaffRole } from '@huiyuan/shared-types';
import { AuditTrail } from '../../audit/audit-trail';
import type { StaffPrincipal } from '../../common/auth/principal';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { MemberTagging } from '../../tags/member-tagging';
import { SegmentsRepository } from '../segments.repository';
import { segmentView, SegmentsService } from '../segments.service';

/** Saving segments, freezing them into snapshots and tagging their members; each audited. */
@Injectable()
export class ManageSegmentsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly segments: SegmentsRepository,
    private readonly reads: SegmentsService,
    private readonly tagging: MemberTagging,
    private readonly audit: AuditTrail,
  ) {}

  async create(staff: StaffPrincipal, request: SaveSegmentRequest, requestId: string): Promise<SegmentView> {
    // Checked before saving: a saved segment always compiles.
    await this.reads.query(staff, request.rules);
    const now = this.clock.now();
    const id = await this.tx.run(async (m) => {
      const id = await this.segments.create(m, {
        name: request.name.trim(),
        description: request.description ?? null,
        rulesJson: JSON.stringify(request.rules),
        ownerStoreId: staff.role === StaffRole.HQ_ADMIN ? null : staff.storeId,
        createdBy: staff.staffId,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(m, { staff, requestId }, { action: 'segment.create', targetType: 'segment', targetId: id, summary: `新建分群 ${request.name}`, after: request.rules });
      return id;
    });
    return segmentView(await this.reads.get(staff, id));
  }

  async update(staff: StaffPrincipal, id: number, request: SaveSegmentRequest, requestId: string): Promise<SegmentView> {
    const before = await this.reads.get(staff, id);
    await this.reads.query(staff, request.rules);
    await this.tx.run(async (m) => {
      await this.segments.update(m, id, { name: request.name.trim(), description: request.description ?? null, rulesJson: JSON.stringify(request.rules), updatedAt: this.clock.now() });
      await this.audit.record(m, { staff, requestId }, { action: 'segment.update', targetType: 'segment', targetId: id, summary: `修改分群 ${before.name}`, before: JSON.parse(before.rulesJson) as unknown, after: request.rules });
    });
    return segmentView(await this.reads.get(staff, id));
  }

  async remove(staff: StaffPrincipal, id: number, requestId: string): Promise<void> {
    const segment = await this.reads.get(staff, id);
    await this.tx.run(async (m) => {
      await this.segments.delete(m, id);
      await this.audit.record(m, { staff, requestId }, { action: 'segment.delete', targetType: 'segment', targetId: id, summary: `删除分群 ${segment.name}` });
    });
  }

  /** The members as of now, frozen for a campaign: later changes to the segment or the members do not move them. */
  async snapshot(staff: StaffPrincipal, id: number, requestId: string): Promise<SegmentSnapshotView> {
    const segment = await this.reads.get(staff, id);
    const q = await this.reads.query(staff, JSON.parse(segment.rulesJson) as unknown);
    const takenAt = this.clock.now();
    const { id: snapshotId, memberCount } = await this.tx.run(async (m) => {
      const taken = await this.segments.snapshot(m, { segmentId: id, rulesJson: segment.rulesJson, takenBy: staff.staffId, takenAt }, q);
      await this.audit.record(m, { staff, requestId }, { action: 'segment.snapshot', targetType: 'segment', targetId: id, summary: `分群 ${segment.name} 快照 ${taken.memberCount} 人` });
      return taken;
    });
    return { id: snapshotId, segmentId: id, memberCount, takenAt: takenAt.toISOString() };
  }

  async tagMembers(staff: StaffPrincipal, id: number, tagId: number, action: 'add' | 'remove', requestId: string): Promise<BulkTagResult> {
    const segment = await this.reads.get(staff, id);
    const q = await this.reads.query(staff, JSON.parse(segment.rulesJson) as unknown);
    return this.tagging.apply(staff, tagId, action, this.reads.memberIdPages(q), `分群 ${segment.name}`, requestId);
  }
}
