import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { StaffRole } from '@huiyuan/shared-types';
import type { StaffPrincipal } from '../common/auth/principal';
import { Store } from './entities/store.entity';
import { outsideStoreScope } from './stores.errors';
import { StoresRepository } from './stores.repository';
import { RefreshingCache } from '../common/cache/refreshing-cache';

const CACHE_MS = 5_000;

/** Answers "may this staff member act in that store?": HQ everywhere, others in their store's subtree. */
@Injectable()
export class StoreScope implements OnApplicationBootstrap {
  private readonly cache: RefreshingCache<Map<number, Store>>;

  constructor(stores: StoresRepository) {
    this.cache = new RefreshingCache(async () => new Map((await stores.all()).map((s) => [s.id, s])), CACHE_MS);
  }

  stores(): Promise<Map<number, Store>> {
    return this.cache.get();
  }

  /** Loaded before the first request, so no transaction waits on a pool connection to fill it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.cache.get();
  }

  invalidate(): void {
    this.cache.invalidate();
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
