import { DEMO_PASSWORD, DEMO_SEED_STEPS } from '../database/seeds/demo-seed';
import { runCommand } from './run-command';

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed refuses to run with NODE_ENV=production: it creates demo staff with a known password\n');
  process.exit(1);
}

runCommand('seed', async (app) => {
  for (const step of DEMO_SEED_STEPS) {
    await step.run(app);
    process.stdout.write(`seeded ${step.name}\n`);
  }
  process.stdout.write(`Demo staff: demo-hq (HQ), demo-manager (S001 manager), demo-clerk (S001 clerk), demo-clerk2 (S002 clerk); password ${DEMO_PASSWORD}\n`);
});
