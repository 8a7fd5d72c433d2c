import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveDataSourceOptions } from './database/data-source-options';
import { describeStartupError } from './startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  // Reach the database before Nest starts, so a wrong DATABASE_URL ends in the one line below.
  await resolveDataSourceOptions(config.database);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  // With PORT=0 the port is known only now; the sandbox's base URL and QR links are built from it.
  const address = app.getHttpServer().address();
  if (typeof address === 'object' && address) config.port = address.port;
  const url = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
  process.stdout.write(
    `\nHuiyuan is running at ${url}/  (API docs ${url}/api/docs, health ${url}/api/health)\n` +
      `Database: ${config.database.driver === 'mysql' ? 'MySQL' : `embedded SQLite (${config.database.file})`}; ` +
      `WeChat: ${config.wechat.appId ? 'live' : `sandbox at ${url}/sandbox/wechat`}\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Huiyuan could not start: ${error instanceof ConfigError ? error.message : describeStartupError(error)}\n`);
  process.exit(1);
});
