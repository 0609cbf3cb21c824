import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,shared,phone,client,sw,bench,tickera-sim,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
