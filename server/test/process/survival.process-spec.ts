import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { call, startServer } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Item 1: a rejection nothing caught (the coupon expiry job's BullMQ id) ended the process ~10 min after start. */
describe('an unhandled promise rejection', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is logged and survived: the server keeps answering', async () => {
    // Stands in for any stray background promise: rejects once the server is up, with nobody awaiting it.
    const preload = join(mkdtempSync(join(tmpdir(), 'hy-stray-')), 'stray-rejection.js');
    writeFileSync(preload, "setTimeout(() => { Promise.reject(new Error('stray rejection from a background task')); }, 3000).unref();\n");
    const env = { DATA_DIR: database.dataDir, LOG_LEVEL: 'error', ...(database.url ? { DATABASE_URL: database.url } : {}) };
    const server = await startServer(env, { port: 4164, preload });
    try {
      for (let i = 0; i < 100 && !server.output().includes('stray rejection'); i++) await sleep(100);
      expect(server.output()).toMatch(/unhandled promise rejection \(logged and survived\)/);
      expect(server.output()).toContain('stray rejection from a background task');
      expect(server.child.exitCode).toBeNull();
      expect((await call(server.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
