import { DataSource } from 'typeorm';
import { checkInvariants, describeInvariants } from './invariants';
import { runCommand } from './run-command';

/** `npm run check:invariants`: ARCHITECTURE.md's invariants over the whole database; exits 1 when one breaks. */
runCommand('check:invariants', async (app, config) => {
  process.stdout.write(`Checking ${config.database.driver === 'mysql' ? 'MySQL' : config.database.file}\n`);
  const results = await checkInvariants(app.get(DataSource));
  process.stdout.write(describeInvariants(results));
  if (results.some((r) => r.violations.length)) process.exitCode = 1;
});
