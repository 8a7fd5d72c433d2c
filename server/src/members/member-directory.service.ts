import { Injectable } from '@nestjs/common';
import { CountedPage, MemberListItem, MemberListQuery, MemberSort, StaffRole } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { StaffRepository } from '../staff/staff.repository';
import { StoreScope } from '../stores/store-scope';
import { storeNotFound } from '../stores/stores.errors';
import { TagsRepository } from '../tags/tags.repository';
import { TiersService } from '../tiers/tiers.service';
import { MemberDirectoryFilter, MemberDirectoryRepository } from './member-directory.repository';
import { isValidCardNo } from './member-identifiers';
import { maskPhone, PhoneVault } from './phone-vault';
import { invalidField } from '../common/errors/invalid-field';

/** What `q` is: a card number, a phone number, a phone's last four digits, or part of a nickname. */
export function searchTerms(q: string | undefined): Pick<MemberDirectoryFilter, 'cardNo' | 'phoneLast4' | 'nicknameLike'> & { phone?: string } {
  const text = (q ?? '').trim();
  if (!text) return {};
  const digits = text.replace(/[\s-]/g, '');
  if (isValidCardNo(digits)) return { cardNo: digits };
  if (/^\d{4}$/.test(digits)) return { phoneLast4: digits };
  if (/^\+?\d{6,15}$/.test(digits)) return { phone: digits };
  return { nicknameLike: text };
}

/**
 * The staff's member list. HQ sees every member; a manager the members who joined in their store
 * (or region), which is also where a list filtered by store must stay.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: MemberDirectoryRepository,
    private readonly tiers: TiersService,
    private readonly scope: StoreScope,
    private readonly phones: PhoneVault,
    private readonly tags: TagsRepository,
    private readonly staffRows: StaffRepository,
  ) {}

  async list(staff: StaffPrincipal, query: MemberListQuery): Promise<CountedPage<MemberListItem>> {
    const { phone, ...terms } = searchTerms(query.q);
    const filter: MemberDirectoryFilter = { ...terms, ...(phone ? { phoneHash: this.phones.hash(phone) } : {}), clerkId: query.clerkId };
    if (query.tierCode) {
      const tier = (await this.tiers.all()).find((t) => t.code === query.tierCode);
      if (!tier) throw invalidField('tierCode', `no tier ${query.tierCode}`);
      filter.tierId = tier.id;
    }
    filter.joinStoreIds = await this.storeIds(staff, query.storeCode);
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 20;
    const { rows, total } = await this.tx.read((m) => this.repository.page(m, filter, query.sort ?? MemberSort.JOINED_DESC, offset, limit));

    const [tiers, stores] = await Promise.all([this.tiers.all(), this.scope.stores()]);
    const clerkIds = [...new Set(rows.map((r) => r.maintainingClerkId).filter((id): id is number => id !== null))];
    const clerks = await this.tx.read((m) => this.staffRows.byIds(m, clerkIds));
    // A page is at most 100 members: one short indexed read each.
    const tagNames = await this.tx.read(async (m) => {
      const byMember = new Map<number, string[]>();
      for (const row of rows) byMember.set(row.id, (await this.tags.tagsOfMember(m, row.id)).map((t) => t.name));
      return byMember;
    });
    const items = rows.map((member): MemberListItem => {
      const tier = tiers.find((t) => t.id === member.tierId);
      const joinStore = member.joinStoreId ? stores.get(member.joinStoreId) : undefined;
      const clerk = clerks.find((c) => c.id === member.maintainingClerkId);
      return {
        id: member.id,
        cardNo: member.cardNo,
        nickname: member.nickname,
        phoneMasked: maskPhone(member.phoneLast4),
        tier: { code: tier?.code ?? '', name: tier?.name ?? '', rank: tier?.rank ?? 0, discountPercent: tier?.discountPercent ?? 100 },
        points: member.pointsBalance,
        growth: member.growth,
        lastVisitAt: member.lastVisitAt?.toISOString() ?? null,
        tags: tagNames.get(member.id) ?? [],
        joinStore: joinStore ? { code: joinStore.code, name: joinStore.name } : null,
        maintainingClerk: clerk ? { id: clerk.id, displayName: clerk.displayName } : null,
        joinedAt: member.createdAt.toISOString(),
      };
    });
    return { items, total, nextCursor: offset + rows.length < total ? String(offset + rows.length) : null };
  }

  /** The join stores the list may show: a store or region's subtree, within the staff member's own. */
  private async storeIds(staff: StaffPrincipal, storeCode: string | undefined): Promise<number[] | undefined> {
    const stores = await this.scope.stores();
    let root: number | undefined;
    if (storeCode) {
      const store = [...stores.values()].find((s) => s.code === storeCode);
      if (!store) throw storeNotFound(storeCode);
      await this.scope.assertCovers(staff, store.id, `Store ${storeCode}`);
      root = store.id;
    } else if (staff.role !== StaffRole.HQ_ADMIN) {
      root = staff.storeId;
    }
    if (root === undefined) return undefined;
    const prefix = stores.get(root)?.path ?? '';
    return [...stores.values()].filter((s) => s.path.startsWith(prefix)).map((s) => s.id);
  }
}
