import { runCommand } from './run-command';

// The application context applies pending migrations under the migration lock as it starts.
runCommand('migrate', async (_app, config) => {
  process.stdout.write(`Database is up to date (${config.database.driver === 'mysql' ? 'MySQL' : config.database.file}).\n`);
});
