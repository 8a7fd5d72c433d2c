import { Injectable } from '@nestjs/common';
import { Member360, MemberNoteView, Page } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { MembersService } from '../members/members.service';
import { StoreScope } from '../stores/store-scope';
import { TagsRepository } from '../tags/tags.repository';
import { MemberStatsRepository } from '../tags/member-stats.repository';
import { TiersService } from '../tiers/tiers.service';
import { Member360Repository } from './member-360.repository';

const NOTES_PAGE = 20;

/** The member 360: one read model over the member's history, and the clerks' 跟进记录. */
@Injectable()
export class Member360Service {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly repo: Member360Repository,
    private readonly members: MembersService,
    private readonly tags: TagsRepository,
    private readonly stats: MemberStatsRepository,
    private readonly tiers: TiersService,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
  ) {}

  /** Any staff member may open it, as any clerk may look a member up: members shop at every store. */
  async get(memberId: number): Promise<Member360> {
    const member = await this.members.require(memberId);
    const [card, profile, stores, tiers] = await Promise.all([this.members.card(memberId), this.members.profile(memberId), this.scope.stores(), this.tiers.all()]);
    const tierName = (id: number) => tiers.find((t) => t.id === id)?.name ?? String(id);
    const read = await this.tx.read(async (m) => ({
      tierHistory: await this.repo.tierHistory(m, memberId),
      growth: await this.repo.growth(m, memberId),
      ledger: await this.repo.ledger(m, memberId),
      tags: await this.tags.tagsOfMember(m, memberId),
      purchases: await this.repo.purchases(m, memberId),
      coupons: await this.repo.coupons(m, memberId),
      checkins: await this.repo.checkins(m, memberId),
      referrals: await this.repo.referrals(m, memberId, member.referrerId),
      clerk: member.maintainingClerkId ? await this.repo.staffName(m, member.maintainingClerkId) : null,
      notes: await this.repo.notes(m, memberId, null, NOTES_PAGE),
      stats: await this.stats.ofMember(m, memberId),
    }));
    const joinStore = member.joinStoreId ? stores.get(member.joinStoreId) : undefined;
    const s = read.stats;
    return {
      card,
      profile: {
        gender: profile.gender,
        birthday: profile.birthday,
        phoneMasked: profile.phoneMasked,
        region: profile.region,
        occupation: profile.occupation,
        joinStore: joinStore ? { id: joinStore.id, code: joinStore.code, name: joinStore.name } : null,
        status: member.status,
      },
      stats: {
        lastPurchaseAt: s?.lastPurchaseAt?.toISOString() ?? null,
        purchases365d: s?.purchases365d ?? 0,
        spend365dCents: s?.spend365dCents ?? 0,
        spend90dCents: s?.spend90dCents ?? 0,
        lastCheckinDay: s?.lastCheckinDay ?? null,
        lastVisitAt: member.lastVisitAt?.toISOString() ?? null,
        nextBirthday: s?.nextBirthday ?? null,
      },
      tierHistory: read.tierHistory.map((h) => ({ fromTier: tierName(h.fromTierId), toTier: tierName(h.toTierId), reason: h.reason, at: h.at })),
      growthHistory: read.growth,
      ledger: read.ledger,
      tags: read.tags,
      purchases: read.purchases.map(({ storeId, ...p }) => ({ ...p, storeName: stores.get(storeId)?.name ?? String(storeId) })),
      coupons: read.coupons,
      checkins: read.checkins,
      referrals: read.referrals,
      maintainingClerk: member.maintainingClerkId && read.clerk ? { id: member.maintainingClerkId, name: read.clerk } : null,
      notes: read.notes,
    };
  }

  async notes(memberId: number, cursor: string | undefined): Promise<Page<MemberNoteView>> {
    await this.members.require(memberId);
    const rows = await this.tx.read((m) => this.repo.notes(m, memberId, cursor ? Number(cursor) || null : null, NOTES_PAGE + 1));
    const items = rows.slice(0, NOTES_PAGE);
    return { items, nextCursor: rows.length > NOTES_PAGE ? String(items[items.length - 1]?.id) : null };
  }

  async addNote(staff: StaffPrincipal, memberId: number, body: string, requestId: string): Promise<MemberNoteView> {
    await this.members.require(memberId);
    const createdAt = this.clock.now();
    const id = await this.tx.run(async (m) => {
      const id = await this.repo.addNote(m, { memberId, staffId: staff.staffId, body: body.trim(), createdAt });
      await this.audit.record(m, { staff, requestId }, { action: 'member.note_add', targetType: 'member', targetId: memberId, summary: `跟进记录：${body.trim()}` });
      return id;
    });
    const staffName = (await this.tx.read((m) => this.repo.staffName(m, staff.staffId))) ?? '';
    return { id, body: body.trim(), staffId: staff.staffId, staffName, createdAt: createdAt.toISOString() };
  }
}
