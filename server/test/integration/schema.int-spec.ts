import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source-options';
import { migrateUnderLock } from '../../src/database/migrate';
import { sqlDate } from '../../src/common/db/sql';
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

  it("MemberRuleTagBits copies each member's rule tags from member_tags into rule_tags bits", async () => {
    const dataSource = await new DataSource(await optionsFor(db)).initialize();
    try {
      await migrateUnderLock(dataSource);
      const applied = async () => ((await dataSource.query('SELECT name FROM schema_migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).some((name) => name.startsWith('MemberRuleTagBits'))) await dataSource.undoLastMigration({ transaction: 'each' });
      const now = sqlDate(dataSource.manager, new Date('2026-12-01T00:00:00.000Z'));
      const tag = async (key: string | null) => {
        await dataSource.query("INSERT INTO tags (name, kind, rule_key, colour, description, owner_store_id, created_at) VALUES (?, ?, ?, 'blue', NULL, 0, ?)", [key ?? 'manual', key ? 'rule' : 'manual', key, now]);
        return Number(((await dataSource.query('SELECT id FROM tags WHERE name = ?', [key ?? 'manual'])) as Array<{ id: number }>)[0]!.id);
      };
      const member = async (i: number) => {
        await dataSource.query(
          `INSERT INTO members (openid, card_no, gender, tier_id, points_balance, growth, referral_code, code_secret, consent_version, consented_at, status, created_at)
           VALUES (?, ?, 'unknown', 1, 0, 0, ?, 'x', 'v', ?, 'active', ?)`,
          [`mig-${i}`, `M${i}`, `R${i}`, now, now],
        );
        return Number(((await dataSource.query('SELECT id FROM members WHERE openid = ?', [`mig-${i}`])) as Array<{ id: number }>)[0]!.id);
      };
      const [lost, active, value, store, manual] = [await tag('lifecycle.lost'), await tag('lifecycle.active'), await tag('rfm.important_value'), await tag('join_store.1'), await tag(null)];
      const [a, b, c] = [await member(1), await member(2), await member(3)];
      for (const [tagId, memberId] of [[lost, a], [value, a], [store, a], [manual, a], [active, b], [manual, c]]) {
        await dataSource.query('INSERT INTO member_tags (tag_id, member_id, created_at) VALUES (?, ?, ?)', [tagId, memberId, now]);
      }

      await migrateUnderLock(dataSource);
      const bits: Array<{ id: number; rule_tags: number }> = await dataSource.query('SELECT id, rule_tags FROM members ORDER BY id');
      // lifecycle.lost is bit 3, lifecycle.active bit 1, rfm.important_value bit 4; join-store and manual tags have none.
      expect(bits.map((r) => [Number(r.id), Number(r.rule_tags)])).toEqual([[a, 8 + 16], [b, 2], [c, 0]]);
    } finally {
      await dataSource.destroy();
    }
  });
});
