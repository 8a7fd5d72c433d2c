import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import type { MysqlConnectionOptions } from 'typeorm/driver/mysql/MysqlConnectionOptions';
import { SerialQueue } from './serial-queue';

const sqliteLocks = new Map<string, SerialQueue>();

/**
 * Runs work while holding a lock that spans every instance sharing the database (MySQL GET_LOCK).
 * The lock lives on its own connection outside the pool: the work needs pooled connections, and
 * with DATABASE_POOL_SIZE=1 a pooled lock holder would wait for itself forever. The embedded
 * database serves one process, so an in-process queue does. Returns null when the lock could not
 * be had within the wait.
 */
export async function withNamedLock<T>(
  dataSource: DataSource,
  name: string,
  waitSeconds: number,
  work: () => Promise<T>,
): Promise<{ value: T } | null> {
  if (dataSource.options.type === 'better-sqlite3') {
    const queue = sqliteLocks.get(name) ?? new SerialQueue();
    sqliteLocks.set(name, queue);
    return queue.run(async () => ({ value: await work() }));
  }
  const { url } = dataSource.options as MysqlConnectionOptions;
  const connection = await createConnection({ uri: url, connectTimeout: 5000 });
  try {
    // GET_LOCK names are server-wide: scoped to this database (hashed: at most 64 characters), so another
    // database on the same MySQL server (another deployment, a test run) never holds this one's jobs.
    const scoped = "SHA1(CONCAT(DATABASE(), ':', ?))";
    const [rows] = await connection.query(`SELECT GET_LOCK(${scoped}, ?) AS got`, [name, waitSeconds]);
    if (Number((rows as Array<{ got: number | null }>)[0]?.got) !== 1) return null;
    try {
      return { value: await work() };
    } finally {
      await connection.query(`SELECT RELEASE_LOCK(${scoped})`, [name]);
    }
  } finally {
    await connection.end();
  }
}
