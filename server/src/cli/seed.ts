import { DEMO_SEED_STEPS } from '../database/seeds/demo-seed';
import { DEMO_PASSWORD } from '../staff/staff-rules';
import { runCommand } from './run-command';

runCommand('seed', async (app, config) => {
  if (config.env === 'production') throw new Error('seed refuses to run with NODE_ENV=production: it creates demo staff with a known password');
  for (const step of DEMO_SEED_STEPS) {
    await step.run(app);
    process.stdout.write(`seeded ${step.name}\n`);
  }
  process.stdout.write(`Demo staff: demo-hq (HQ), demo-manager (S001 manager), demo-clerk (S001 clerk), demo-clerk2 (S002 clerk); password ${DEMO_PASSWORD}\n`);
});
