import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';

/** Two instances starting together: the second waits for the lock, then finds nothing to do. */
export async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  const outcome = await withNamedLock(dataSource, 'huiyuan:migrate', 120, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  });
  if (!outcome) throw new Error('Timed out waiting for another instance to finish migrating the database');
  return outcome.value;
}
