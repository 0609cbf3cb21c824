import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,shared,phone,client,sw,bench,tickera-sim,scripts,drill}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    // Two files at a time. Vitest's default in a run is one fewer than the cores, so one worker
    // here: 888 s for the suite on a clean clone, against 579 s with two (files wait on Postgres,
    // Redis and child processes much of the time). Every file has its own scratch databases.
    maxWorkers: 2,
    // Safety nets, not deadlines: tests wait for events, and CI shares two cores with other
    // work (load 10+), so only a hang should ever reach these.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
