import { defineConfig } from 'vitest/config';

// Unit and HTTP tests run in parallel; the tests that start servers and browsers run one file at a
// time afterwards, so they never fight over this 2-core machine and time out.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Migrates once per run; tests copy the migrated file (test/helpers.ts).
    globalSetup: ['test/template-db.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['test/unit/**/*.test.{ts,tsx}', 'test/http/**/*.test.{ts,tsx}'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/browser/**/*.test.{ts,tsx}', 'test/robustness/**/*.test.{ts,tsx}'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
