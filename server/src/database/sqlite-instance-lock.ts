import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { ConfigError } from '../config/config-error';

/**
 * The embedded SQLite database serves one server process. Its transactions are queued in memory
 * (TransactionRunner) and its named locks are in-memory queues (withNamedLock), so a second process
 * on the same file would not be excluded by them: its writes wait on SQLite's file lock, and
 * better-sqlite3 waits synchronously (busy_timeout), stalling that whole process while the other
 * holds a transaction open across an await. Several instances need MySQL (DATABASE_URL).
 *
 * Claims `<file>.lock` with this process's id; a lock left by a process that is gone (killed, or
 * this same pid after a container restart) is taken over. Returns the release, run on exit.
 */
export function claimSqliteFile(file: string): () => void {
  const lockFile = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new ConfigError(
          `the embedded database ${file} is already used by another Huiyuan process (pid ${holder}). ` +
            'SQLite serves one instance; to run several, set DATABASE_URL to a MySQL database (README "Production"). ' +
            `If pid ${holder} is not Huiyuan, delete ${lockFile}.`,
        );
      }
      unlinkSync(lockFile);
    }
  }
  throw new ConfigError(`could not claim ${lockFile}: another process keeps creating it`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
