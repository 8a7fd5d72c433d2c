import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { ProgrammeSetting } from './programme-setting.entity';

/** Settings change rarely and are read on every earn: other instances see a change within this. */
const CACHE_MS = 5_000;

/** Typed, defaulted access to the programme's settings; a missing key means "the defaults". */
@Injectable()
export class ProgrammeService {
  private readonly cache = new Map<string, { value: unknown; at: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get<T extends object>(key: string, defaults: T): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T;
    const row = await this.dataSource.manager.findOneBy(ProgrammeSetting, { key });
    const value = row ? { ...defaults, ...(JSON.parse(row.valueJson) as Partial<T>) } : defaults;
    this.cache.set(key, { value, at: Date.now() });
    return value;
  }

  async set<T extends object>(manager: EntityManager, key: string, value: T): Promise<void> {
    await manager.upsert(ProgrammeSetting, { key, valueJson: JSON.stringify(value), updatedAt: this.clock.now() }, ['key']);
    this.cache.delete(key);
  }
}
