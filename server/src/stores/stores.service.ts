import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateStoreRequest, ErrorCode, Store as StoreView, StoreKind } from '@huiyuan/shared-types';
import { DataSource, EntityManager, In } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../common/time/clock';
import { AuditTrail } from '../audit/audit-trail';
import { Store } from './entities/store.entity';
import { StoreScope } from './store-scope';
import { storeNotFound } from './stores.errors';

export const toStoreView = (s: Store): StoreView => ({ id: s.id, code: s.code, name: s.name, kind: s.kind, parentId: s.parentId });

@Injectable()
export class StoresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly scope: StoreScope,
    private readonly audit: AuditTrail,
  ) {}

  async byCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<Store | null> {
    return manager.findOneBy(Store, { code });
  }

  async byCodes(codes: string[]): Promise<Store[]> {
    return codes.length ? this.dataSource.manager.findBy(Store, { code: In(codes) }) : [];
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
    const existing = await manager.findOne(Store, { where: { kind: StoreKind.HQ } });
    if (existing) return existing;
    return this.insertStore(manager, { code: 'HQ', name, kind: StoreKind.HQ }, null);
  }

  async create(staff: StaffPrincipal | null, request: CreateStoreRequest, requestId?: string): Promise<StoreView> {
    return this.tx.run(async (manager) => {
      const parent = await this.byCode(request.parentCode, manager);
      if (!parent) throw storeNotFound(request.parentCode);
      if (parent.kind === StoreKind.STORE) throw new AppError(ErrorCode.VALIDATION_FAILED, `parentCode: ${parent.code} is a store; stores hang below HQ or a region`);
      if (request.kind === StoreKind.HQ) throw new AppError(ErrorCode.VALIDATION_FAILED, 'kind: there is one HQ, and it exists');
      const store = await this.insertStore(manager, request, parent);
      await this.audit.record(manager, { staff, requestId, storeId: store.id }, { action: 'store.create', targetType: 'store', targetId: store.id, summary: `创建门店 ${store.code} ${store.name}`, after: toStoreView(store) });
      this.scope.invalidate();
      return toStoreView(store);
    });
  }

  async saveQrPng(storeId: number, stored: string): Promise<void> {
    await this.tx.run((m) => m.update(Store, { id: storeId }, { qrPng: stored }));
  }

  private async insertStore(manager: EntityManager, data: { code: string; name: string; kind: StoreKind }, parent: Store | null): Promise<Store> {
    try {
      const store = await manager.save(manager.create(Store, { ...data, parentId: parent?.id ?? null, path: '/', qrPng: null, createdAt: this.clock.now() }));
      store.path = `${parent?.path ?? '/'}${store.id}/`;
      await manager.update(Store, { id: store.id }, { path: store.path });
      return store;
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AppError(ErrorCode.CONFLICT, `Store code ${data.code} is taken`);
      throw error;
    }
  }
}
