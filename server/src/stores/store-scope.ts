import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffRole } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/principal';
import { Store } from './entities/store.entity';
import { outsideStoreScope } from './stores.errors';

const CACHE_MS = 5_000;

/** Answers "may this staff member act in that store?": HQ everywhere, others in their store's subtree. */
@Injectable()
export class StoreScope {
  private cached: { byId: Map<number, Store>; at: number } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stores(): Promise<Map<number, Store>> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.byId;
    const rows = await this.dataSource.getRepository(Store).find();
    this.cached = { byId: new Map(rows.map((s) => [s.id, s])), at: Date.now() };
    return this.cached.byId;
  }

  invalidate(): void {
    this.cached = null;
  }

  async covers(staff: StaffPrincipal, storeId: number | null): Promise<boolean> {
    if (staff.role === StaffRole.HQ_ADMIN) return true;
    if (storeId === null) return false;
    const stores = await this.stores();
    const own = stores.get(staff.storeId);
    const target = stores.get(storeId);
    return !!own && !!target && target.path.startsWith(own.path);
  }

  async assertCovers(staff: StaffPrincipal, storeId: number | null, what: string): Promise<void> {
    if (!(await this.covers(staff, storeId))) throw outsideStoreScope(what);
  }
}
