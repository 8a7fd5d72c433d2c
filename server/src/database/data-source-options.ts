import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/**
 * TypeORM reads MariaDB's column defaults correctly only when told it is MariaDB, so the server is
 * asked before the data source is built. This is also the first contact, so a bad DATABASE_URL
 * fails here with the driver's own error code.
 */
export async function resolveDataSourceOptions(db: DatabaseConfig): Promise<DataSourceOptions> {
  if (db.driver !== 'mysql') return dataSourceOptions(db);
  const connection = await createConnection({ uri: db.url, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return dataSourceOptions(db, version.includes('MariaDB') ? 'mariadb' : 'mysql');
  } finally {
    await connection.end();
  }
}

/** One description of the database for the app, the CLI commands and the tests. */
export function dataSourceOptions(db: DatabaseConfig, flavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = { entities: ENTITIES, migrationsTableName: 'schema_migrations', logging: false } as const;
  if (db.driver === 'mysql') {
    return {
      ...common,
      type: flavour,
      url: db.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: false,
      dateStrings: false,
      poolSize: db.poolSize,
      connectTimeout: 5000,
      migrations: MYSQL_MIGRATIONS,
    };
  }
  mkdirSync(dirname(db.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    enableWAL: true,
    prepareDatabase: (sqlite: { pragma: (s: string) => unknown }) => {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = NORMAL');
    },
    migrations: SQLITE_MIGRATIONS,
  };
}
