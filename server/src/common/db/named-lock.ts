import { DataSource } from 'typeorm';
import { SerialQueue } from './serial-queue';

const sqliteLocks = new Map<string, SerialQueue>();

/**
 * Runs work while holding a lock that spans every instance sharing the database (MySQL GET_LOCK on
 * a dedicated connection). The embedded database serves one process, so an in-process queue does.
 * Returns null when the lock could not be had within the wait.
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
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const rows: Array<{ got: number | null }> = await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, waitSeconds]);
    if (Number(rows[0]?.got) !== 1) return null;
    try {
      return { value: await work() };
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}
