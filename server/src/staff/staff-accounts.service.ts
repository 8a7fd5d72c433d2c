import { Injectable } from '@nestjs/common';
import { CountedPage, PasswordReset, StaffAccount, StaffAccountQuery, StaffRole, StoreKind, UpdateStaffRequest } from '@huiyuan/shared-types';
import { randomBytes } from 'node:crypto';
import { AuditTrail } from '../audit/audit-trail';
import { AccountStandings } from '../common/auth/account-standing';
import { PasswordHasher } from '../common/auth/password-hasher';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Store } from '../stores/entities/store.entity';
import { StoreScope } from '../stores/store-scope';
import { storeNotFound } from '../stores/stores.errors';
import { StaffMember } from './entities/staff-member.entity';
import { StaffDirectoryRepository } from './staff-directory.repository';
import { StaffRepository } from './staff.repository';
import { managersManageClerksOnly, managersManageOwnClerks, ownAccessUnchangeable, ownPasswordNotReset, roleOutsideItsStore, staffNotFound } from './staff.errors';

/**
 * Administering staff accounts: HQ manages everyone; a store manager manages the clerks of their
 * store (or region) and can neither promote them nor move them out of it. Nobody changes their own
 * role, store or access here, so an account cannot lock itself out. A change of role, store, access
 * or password ends the account's sessions (the token no longer matches its standing).
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
    private readonly directory: StaffDirectoryRepository,
    private readonly staffRows: StaffRepository,
    private readonly standings: AccountStandings,
    private readonly passwords: PasswordHasher,
  ) {}

  async list(actor: StaffPrincipal, query: StaffAccountQuery): Promise<CountedPage<StaffAccount>> {
    const stores = await this.scope.stores();
    let root: Store | undefined;
    if (query.storeCode) {
      root = [...stores.values()].find((s) => s.code === query.storeCode);
      if (!root) throw storeNotFound(query.storeCode);
      await this.scope.assertCovers(actor, root.id, `Store ${query.storeCode}`);
    } else if (actor.role !== StaffRole.HQ_ADMIN) {
      root = stores.get(actor.storeId);
    }
    const storeIds = root ? [...stores.values()].filter((s) => s.path.startsWith((root as Store).path)).map((s) => s.id) : undefined;
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 20;
    const { rows, total } = await this.tx.read((m) => this.directory.page(m, { text: query.q?.trim() || undefined, role: query.role, active: query.active, storeIds }, offset, limit));
    return { items: rows.map((s) => this.view(s, stores.get(s.storeId) ?? null)), total, nextCursor: offset + rows.length < total ? String(offset + rows.length) : null };
  }

  async update(actor: StaffPrincipal, id: number, change: UpdateStaffRequest, requestId: string): Promise<StaffAccount> {
    const stores = await this.scope.stores();
    const updated = await this.tx.run(async (m) => {
      const staff = await this.staffRows.find(id, m);
      if (!staff) throw staffNotFound(id);
      await this.assertManages(actor, staff);
      const self = staff.id === actor.staffId;
      if (self && (change.role !== undefined || change.storeCode !== undefined || change.active !== undefined)) {
        throw ownAccessUnchangeable();
      }
      const role = change.role ?? staff.role;
      if (actor.role === StaffRole.STORE_MANAGER && role !== StaffRole.CLERK) throw managersManageClerksOnly();
      let store = stores.get(staff.storeId) ?? null;
      if (change.storeCode !== undefined) {
        store = [...stores.values()].find((s) => s.code === change.storeCode) ?? null;
        if (!store) throw storeNotFound(change.storeCode);
        await this.scope.assertCovers(actor, store.id, `Store ${store.code}`);
      }
      if (store && (role === StaffRole.HQ_ADMIN) !== (store.kind === StoreKind.HQ)) {
        throw roleOutsideItsStore(role === StaffRole.HQ_ADMIN);
      }
      const before = this.view(staff, stores.get(staff.storeId) ?? null);
      const next: Partial<StaffMember> = {
        ...(change.displayName !== undefined ? { displayName: change.displayName.trim() } : {}),
        role,
        storeId: store?.id ?? staff.storeId,
        ...(change.active !== undefined ? { active: change.active } : {}),
      };
      await this.staffRows.update(m, id, next);
      const after = this.view({ ...staff, ...next }, store);
      const action = change.active === false && staff.active ? 'staff.disable' : change.active === true && !staff.active ? 'staff.enable' : 'staff.update';
      await this.audit.record(m, { staff: actor, requestId, storeId: after.store?.id ?? null }, { action, targetType: 'staff', targetId: id, summary: `${action === 'staff.disable' ? '停用' : action === 'staff.enable' ? '恢复' : '修改'}员工 ${staff.username}`, before, after });
      return after;
    });
    this.standings.forgetStaff(id);
    return updated;
  }

  /** A new one-time password (shown once), to be changed at the next sign-in; the old sessions end. */
  async resetPassword(actor: StaffPrincipal, id: number, requestId: string): Promise<PasswordReset> {
    const oneTimePassword = randomBytes(9).toString('base64url');
    const hash = await this.passwords.hash(oneTimePassword);
    const stores = await this.scope.stores();
    const reset = await this.tx.run(async (m) => {
      const staff = await this.staffRows.find(id, m);
      if (!staff) throw staffNotFound(id);
      if (staff.id === actor.staffId) throw ownPasswordNotReset();
      await this.assertManages(actor, staff);
      await this.staffRows.update(m, id, { passwordHash: hash, mustChangePassword: true });
      await this.audit.record(m, { staff: actor, requestId, storeId: staff.storeId }, { action: 'staff.password_reset', targetType: 'staff', targetId: id, summary: `重置员工 ${staff.username} 的密码` });
      return { staff: this.view({ ...staff, mustChangePassword: true }, stores.get(staff.storeId) ?? null), oneTimePassword };
    });
    this.standings.forgetStaff(id);
    return reset;
  }

  private async assertManages(actor: StaffPrincipal, staff: StaffMember): Promise<void> {
    if (actor.role === StaffRole.HQ_ADMIN) return;
    if (actor.role !== StaffRole.STORE_MANAGER || (staff.role !== StaffRole.CLERK && staff.id !== actor.staffId)) {
      throw managersManageOwnClerks();
    }
    await this.scope.assertCovers(actor, staff.storeId, `Staff member ${staff.username}`);
  }

  private view(s: StaffMember, store: Store | null): StaffAccount {
    return {
      id: s.id,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      store: store ? { id: store.id, code: store.code, name: store.name } : null,
      mustChangePassword: s.mustChangePassword,
      active: s.active,
      createdAt: s.createdAt.toISOString(),
    };
  }
}
