import { Injectable } from '@nestjs/common';
import { CreateStoreRequest, Store as StoreView, StoreKind, UpdateStoreRequest } from '@huiyuan/shared-types';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { AuditTrail } from '../audit/audit-trail';
import { Store } from './entities/store.entity';
import { StoreScope } from './store-scope';
import { StoresRepository } from './stores.repository';
import { hqHasNoParent, parentInsideSubtree, parentIsAStore, secondHq, storeCodeTaken, storeNotFound } from './stores.errors';

export const toStoreView = (s: Store): StoreView => ({ id: s.id, code: s.code, name: s.name, kind: s.kind, parentId: s.parentId });

@Injectable()
export class StoresService {
  constructor(
    private readonly stores: StoresRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
  ) {}

  async byCode(code: string, manager?: EntityManager): Promise<Store | null> {
    return this.stores.byCode(code, manager);
  }

  async byCodes(codes: string[]): Promise<Store[]> {
    return this.stores.byCodes(codes);
  }

  async requireByCode(code: string): Promise<Store> {
    const store = await this.byCode(code);
    if (!store) throw storeNotFound(code);
    return store;
  }

  async listVisibleTo(staff: StaffPrincipal): Promise<StoreView[]> {
    const all = [...(await this.scope.stores()).values()].sort((a, b) => a.path.localeCompare(b.path));
    const visible = [];
    for (const s of all) if (await this.scope.covers(staff, s.id)) visible.push(toStoreView(s));
    return visible;
  }

  /** The HQ root is created once; everything else hangs below it. */
  async ensureHq(manager: EntityManager, name: string): Promise<Store> {
    const existing = await this.stores.hq(manager);
    if (existing) return existing;
    return this.insertStore(manager, { code: 'HQ', name, kind: StoreKind.HQ }, null);
  }

  async create(staff: StaffPrincipal | null, request: CreateStoreRequest, requestId?: string): Promise<StoreView> {
    return this.tx.run(async (manager) => {
      const parent = await this.byCode(request.parentCode, manager);
      if (!parent) throw storeNotFound(request.parentCode);
      if (parent.kind === StoreKind.STORE) throw parentIsAStore(parent.code);
      if (request.kind === StoreKind.HQ) throw secondHq();
      const store = await this.insertStore(manager, request, parent);
      await this.audit.record(manager, { staff, requestId, storeId: store.id }, { action: 'store.create', targetType: 'store', targetId: store.id, summary: `创建门店 ${store.code} ${store.name}`, after: toStoreView(store) });
      this.tx.afterCommit(manager, () => this.scope.invalidate());
      return toStoreView(store);
    });
  }

  /**
   * Renames a store or region, or moves it below another region (or HQ); its subtree moves with it,
   * so every `path` under it is rewritten in the same transaction.
   */
  async update(staff: StaffPrincipal, code: string, change: UpdateStoreRequest, requestId: string): Promise<StoreView> {
    return this.tx.run(async (manager) => {
      const store = await this.byCode(code, manager);
      if (!store) throw storeNotFound(code);
      if (store.kind === StoreKind.HQ && change.parentCode !== undefined) throw hqHasNoParent();
      const before = toStoreView(store);
      if (change.name !== undefined) store.name = change.name.trim();
      if (change.parentCode !== undefined) {
        const parent = await this.byCode(change.parentCode, manager);
        if (!parent) throw storeNotFound(change.parentCode);
        if (parent.kind === StoreKind.STORE) throw parentIsAStore(parent.code);
        if (parent.path.startsWith(store.path)) throw parentInsideSubtree(parent.code, store.code);
        if (parent.id !== store.parentId) {
          const oldPath = store.path;
          const newPath = `${parent.path}${store.id}/`;
          await this.stores.movePaths(manager, oldPath, newPath);
          store.parentId = parent.id;
          store.path = newPath;
        }
      }
      await this.stores.rename(manager, store);
      const after = toStoreView(store);
      await this.audit.record(manager, { staff, requestId, storeId: store.id }, { action: 'store.update', targetType: 'store', targetId: store.id, summary: `修改门店 ${store.code} ${store.name}`, before, after });
      this.tx.afterCommit(manager, () => this.scope.invalidate());
      return after;
    });
  }

  async saveQrPng(storeId: number, stored: string): Promise<void> {
    await this.tx.run((m) => this.stores.saveQrPng(m, storeId, stored));
  }

  private async insertStore(manager: EntityManager, data: { code: string; name: string; kind: StoreKind }, parent: Store | null): Promise<Store> {
    try {
      return await this.stores.insert(manager, data, parent, this.clock.now());
    } catch (error) {
      if (isDuplicateKeyError(error)) throw storeCodeTaken(data.code);
      throw error;
    }
  }
}
