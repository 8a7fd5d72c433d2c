import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

const BCRYPT_COST = 10;

// The worker runs plain JS (no TypeScript loader in a worker), and requires bcryptjs by the path the
// main thread resolved, so it works from src under jest and from dist alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ id, op, a, b, cost }) => {
  try {
    const value = op === 'hash' ? bcrypt.hashSync(a, cost) : bcrypt.compareSync(a, b);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

/**
 * bcrypt on a worker thread: a burst of logins costs CPU but never blocks the event loop, so the
 * till's purchases keep answering while someone hammers the login form.
 */
@Injectable()
export class PasswordHasher implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  hash(password: string): Promise<string> {
    return this.run('hash', password, '') as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run('compare', password, hash) as Promise<boolean>;
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private run(op: 'hash' | 'compare', a: string, b: string): Promise<string | boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const worker = this.spawn();
      // Held open only while a hash is owed, so an idle worker never keeps a CLI from exiting.
      worker.ref();
      worker.postMessage({ id, op, a, b, cost: BCRYPT_COST });
    });
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: require.resolve('bcryptjs') } });
    worker.on('message', ({ id, value, error }: { id: number; value?: string | boolean; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (error !== undefined) waiting.reject(new Error(`password hashing failed: ${error}`));
      else waiting.resolve(value as string | boolean);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('password worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
