import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeSetting } from './programme-setting.entity';

/** Every statement of `programme_settings`: one JSON value per key. */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<Map<string, unknown>> {
    const rows = await this.dataSource.manager.find(ProgrammeSetting);
    return new Map(rows.map((row) => [row.key, JSON.parse(row.valueJson) as unknown]));
  }

  async put(manager: EntityManager, key: string, value: unknown, at: Date): Promise<void> {
    await manager.upsert(ProgrammeSetting, { key, valueJson: JSON.stringify(value), updatedAt: at }, ['key']);
  }
}
