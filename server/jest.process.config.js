/**
 * Process suites: the built server (npm run build -w server) run as real processes — commands that
 * must exit, kill -9, a killed MySQL connection, two API instances and a worker. Run by
 * `npm run test:process -w server` (builds first) and by .ci/run against MariaDB.
 */
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');
module.exports = {
  ...integration,
  displayName: 'process',
  testMatch: ['**/*.process-spec.ts'],
  testTimeout: 180000,
  // One at a time: each suite starts servers of its own on fixed ports, on a 2-core machine.
  maxWorkers: 1,
  forceExit: true,
};
