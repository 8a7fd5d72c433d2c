import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

export interface TestDatabase {
  /** The DATABASE_URL to give the app, or undefined for the embedded default. */
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per test file: MySQL when TEST_DATABASE_URL is set (CI), SQLite otherwise. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hy-test-'));
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { url: undefined, dataDir, drop: async () => {} };
  const base = new URL(server);
  const name = `hy_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(base.toString());
  const admin = await new DataSource({ type: 'mysql', url: adminUrl.toString() }).initialize();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  return {
    url: base.toString(),
    dataDir,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}
