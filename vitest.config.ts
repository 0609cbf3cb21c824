import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,shared,phone,client,sw,bench,tickera-sim,scripts,drill}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    // Safety nets, not deadlines: tests wait for events, and CI shares two cores with other
    // work (load 10+), so only a hang should ever reach these.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
