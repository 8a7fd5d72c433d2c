import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Tier } from './entities/tier.entity';

/** Every statement on `tiers`. */
@Injectable()
export class TiersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Lowest rank first. */
  all(): Promise<Tier[]> {
    return this.dataSource.getRepository(Tier).find({ order: { rank: 'ASC' } });
  }

  byCode(manager: EntityManager, code: string): Promise<Tier | null> {
    return manager.findOneBy(Tier, { code });
  }

  /** Inserts the tier, or updates the one with `existingId`; the unique rank refuses a clash. */
  async save(manager: EntityManager, values: Omit<Tier, 'id'>, existingId: number | null): Promise<Tier> {
    if (existingId !== null) await manager.update(Tier, { id: existingId }, values);
    else await manager.insert(Tier, values);
    return manager.findOneByOrFail(Tier, { code: values.code });
  }
}
