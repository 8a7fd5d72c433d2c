import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import IORedis from 'ioredis';

/** The built server (npm run build -w server): these suites run the real processes, as deployed. */
const DIST = join(__dirname, '..', '..', 'dist', 'src');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown hook, no reply hook, nothing flushed. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return () => text;
}

async function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}

/** Starts `node dist/src/main.js` and waits for /api/health (or, for a worker, for its start line). */
export async function startServer(env: Record<string, string>, options: { port: number; preload?: string } = { port: 0 }): Promise<ServerProcess> {
  const args = [...(options.preload ? ['-r', options.preload] : []), join(DIST, 'main.js')];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', H5_DIR: '', HOST: '127.0.0.1', PORT: String(options.port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const url = `http://127.0.0.1:${options.port}`;
  const worker = env.PROCESS_ROLE === 'worker';
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    if (worker && output().includes('worker is running')) break;
    if (!worker) {
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
    }
    if (i === 599) throw new Error(`server did not start:\n${output()}`);
    await sleep(100);
  }
  return {
    url,
    child,
    output,
    killHard: async () => {
      child.kill('SIGKILL');
      await exitOf(child);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const exited = exitOf(child);
      const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(late);
    },
  };
}

export interface CommandResult {
  /** null when it had not exited within the bound and was killed. */
  code: number | null;
  output: string;
}

/** Runs `node dist/src/cli/<name>.js`; one that has not exited within `boundMs` is killed and reported so. */
export async function runCli(name: string, env: Record<string, string>, args: string[] = [], boundMs = 90_000): Promise<CommandResult> {
  const child = spawn(process.execPath, [join(DIST, 'cli', `${name}.js`), ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  let timedOut = false;
  const bound = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, boundMs);
  await exitOf(child);
  clearTimeout(bound);
  return { code: timedOut ? null : child.exitCode, output: output() };
}

/** A redis-server of the suite's own, on a port of its own: never the shared one, which must not be stopped. */
export async function startOwnRedis(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return {
        url,
        stop: async () => {
          child.kill('SIGKILL');
          await exitOf(child);
        },
      };
    } catch {
      probe.disconnect();
      await sleep(50);
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

export interface Reply {
  status: number;
  body: unknown;
}

/** fetch with JSON in and out; a network error is status 0 (e.g. the server was killed mid-request). */
export async function call(url: string, method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  try {
    const res = await fetch(`${url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    return { status: 0, body: null };
  }
}

export async function memberToken(url: string, openid: string): Promise<{ token: string; id: number; cardNo: string; referralCode: string }> {
  const code = ((await call(url, 'POST', '/sandbox/wechat/dev/login', { body: { openid } })).body as { code: string }).code;
  const visitor = ((await call(url, 'POST', '/api/v1/auth/wechat', { body: { code } })).body as { token: string }).token;
  const joined = await call(url, 'POST', '/api/v1/members', { token: visitor, body: { consentVersion: PRIVACY_NOTICE_VERSION } });
  if (joined.status !== 201 && joined.status !== 200) throw new Error(`join failed: ${JSON.stringify(joined)}`);
  const body = joined.body as { token: string; member: { id: number; cardNo: string; referralCode: string } };
  return { token: body.token, id: body.member.id, cardNo: body.member.cardNo, referralCode: body.member.referralCode };
}

export async function staffLogin(url: string, username: string): Promise<string> {
  const res = await call(url, 'POST', '/api/v1/staff/sessions', { body: { username, password: 'huiyuan-demo' } });
  if (res.status !== 201) throw new Error(`staff login failed: ${JSON.stringify(res)}`);
  return (res.body as { token: string }).token;
}
