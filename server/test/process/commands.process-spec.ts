import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runCli, startOwnRedis } from './processes';

/** Item 16: with REDIS_URL set, migrate and seed ran and then never exited. */
describe('commands exit with their status, Redis set or not', () => {
  let database: TestDatabase;
  let redis: { url: string; stop(): Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startOwnRedis(4152);
    env = { DATA_DIR: database.dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
  });
  afterAll(async () => {
    await redis.stop();
    await database.drop();
  });

  it.each([
    ['migrate', [], /Database is up to date/],
    ['seed', [], /Demo staff: demo-hq/],
    ['create-admin', ['ops-admin'], /Created HQ admin 'ops-admin'/],
    ['check-invariants', [], /invariants: \d+ passed, 0 failed/],
  ])('%s exits 0 with REDIS_URL set', async (name, args, printed) => {
    const result = await runCli(name, { ...env, REDIS_URL: redis.url }, args);
    expect(result.output).toMatch(printed);
    expect(result.code).toBe(0);
  });

  it('migrate exits 0 without Redis too, and a command that fails exits 1 with one line', async () => {
    expect((await runCli('migrate', env)).code).toBe(0);
    const failed = await runCli('migrate', { ...env, DATABASE_URL: 'mysql://root@127.0.0.1:1/nowhere' });
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/migrate failed: connection refused/);
  });

  it('check-invariants exits 1 and names the invariant when one is broken', async () => {
    expect((await runCli('check-invariants', env)).code).toBe(0);
    // Corrupt one balance behind the ledger's back, as a bug would.
    const ds = await new DataSource(dataSourceOptions(database.url ? { driver: 'mysql', url: database.url, poolSize: 1 } : { driver: 'sqlite', file: join(database.dataDir, 'huiyuan.sqlite') })).initialize();
    try {
      const [member] = await ds.query<Array<{ id: number }>>('SELECT id FROM members ORDER BY id LIMIT 1');
      await ds.query('UPDATE members SET points_balance = points_balance + 7 WHERE id = ?', [member?.id]);
    } finally {
      await ds.destroy();
    }
    const after = await runCli('check-invariants', env);
    expect(after.code).toBe(1);
    expect(after.output).toMatch(/BROKEN a member's balance equals the sum of their ledger/);
  });
});
