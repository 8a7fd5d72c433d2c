import { join } from 'node:path';
import { ConfigError, Env, intVar } from './config-error';

export type DatabaseConfig =
  | { driver: 'mysql'; url: string; poolSize: number }
  | { driver: 'sqlite'; file: string };

/** DATABASE_URL names MySQL; without it the embedded SQLite file in the data folder. */
export function databaseFrom(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (!url) return { driver: 'sqlite', file: join(dataDir, 'huiyuan.sqlite') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL (expected mysql://user:pass@host:3306/db, got '${url}')`);
  }
  if (parsed.protocol !== 'mysql:') {
    throw new ConfigError(`DATABASE_URL must start with mysql:// (got '${parsed.protocol}//…')`);
  }
  if (!parsed.hostname) throw new ConfigError('DATABASE_URL names no host');
  if (parsed.pathname.length <= 1) throw new ConfigError(`DATABASE_URL names no database (expected mysql://…/dbname)`);
  return { driver: 'mysql', url, poolSize: intVar(env, 'DATABASE_POOL_SIZE', 16, 1, 200) };
}

/** The MySQL server `npm run migration:generate` diffs the entities on, in a throwaway database (a developer's tool). */
export function migrationServerFrom(env: Env = process.env): string {
  const url = env.MIGRATION_MYSQL_URL || 'mysql://root@127.0.0.1:3306';
  if (!url.startsWith('mysql://')) throw new ConfigError(`MIGRATION_MYSQL_URL must start with mysql:// (got '${url}')`);
  return url.replace(/\/$/, '');
}
