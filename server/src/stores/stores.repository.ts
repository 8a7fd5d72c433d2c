import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StoreKind } from '@huiyuan/shared-types';
import { DataSource, EntityManager, In } from 'typeorm';
import { likeLiteral } from '../common/db/sql';
import { Store } from './entities/store.entity';

/** Every statement of `stores`: the tree of HQ, regions and stores, each row carrying its path from the root. */
@Injectable()
export class StoresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<Store[]> {
    return this.dataSource.getRepository(Store).find();
  }

  byCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<Store | null> {
    return manager.findOneBy(Store, { code });
  }

  byCodes(codes: string[]): Promise<Store[]> {
    return codes.length ? this.dataSource.manager.findBy(Store, { code: In(codes) }) : Promise.resolve([]);
  }

  hq(manager: EntityManager): Promise<Store | null> {
    return manager.findOne(Store, { where: { kind: StoreKind.HQ } });
  }

  /** A new row below `parent` (the root when null), with its path once its id is known. */
  async insert(manager: EntityManager, data: { code: string; name: string; kind: StoreKind }, parent: Store | null, now: Date): Promise<Store> {
    const store = await manager.save(manager.create(Store, { ...data, parentId: parent?.id ?? null, path: '/', qrPng: null, createdAt: now }));
    store.path = `${parent?.path ?? '/'}${store.id}/`;
    await manager.update(Store, { id: store.id }, { path: store.path });
    return store;
  }

  /** Moves a subtree: every path under `oldPath` (the node's own included) now starts with `newPath`. */
  async movePaths(manager: EntityManager, oldPath: string, newPath: string): Promise<void> {
    const subtree = await manager.createQueryBuilder(Store, 's').where("s.path LIKE :prefix ESCAPE '!'", { prefix: `${likeLiteral(oldPath)}%` }).getMany();
    for (const s of subtree) await manager.update(Store, { id: s.id }, { path: newPath + s.path.slice(oldPath.length) });
  }

  async rename(manager: EntityManager, store: Pick<Store, 'id' | 'name' | 'parentId'>): Promise<void> {
    await manager.update(Store, { id: store.id }, { name: store.name, parentId: store.parentId });
  }

  async saveQrPng(manager: EntityManager, storeId: number, stored: string): Promise<void> {
    await manager.update(Store, { id: storeId }, { qrPng: stored });
  }
}
