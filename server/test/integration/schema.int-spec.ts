import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source-options';
import { migrateUnderLock } from '../../src/database/migrate';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { join } from 'node:path';

function optionsFor(db: TestDatabase) {
  return resolveDataSourceOptions(db.url ? { driver: 'mysql', url: db.url, poolSize: 4 } : { driver: 'sqlite', file: join(db.dataDir, 'schema.sqlite') });
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('produce exactly the schema the entities describe', async () => {
    const dataSource = await new DataSource(await optionsFor(db)).initialize();
    try {
      const applied = await migrateUnderLock(dataSource);
      expect(applied.length).toBe(dataSource.migrations.length);
      const diff = await dataSource.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('run once when two instances start together', async () => {
    const start = async () => new DataSource(await optionsFor(db)).initialize();
    const [a, b] = await Promise.all([start(), start()]);
    try {
      const [appliedA, appliedB] = await Promise.all([migrateUnderLock(a), migrateUnderLock(b)]);
      expect(appliedA.length + appliedB.length).toBe(a.migrations.length);
      const rows: unknown[] = await a.query('SELECT * FROM schema_migrations');
      expect(rows).toHaveLength(a.migrations.length);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
