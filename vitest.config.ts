import { defineConfig } from 'vitest/config';

process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/globalSetup.ts'],
    // Generous on purpose: the suite must pass on a slow or busy machine (two CPU hogs beside
    // it on two cores), where an end-to-end test can take several times its quiet duration. A
    // test that hangs still fails, later. Speed is measured in `npm run bench`, never here.
    testTimeout: 600_000,
    // vitest runs one file at a time on a 2-core machine (its default is cores - 1), but the
    // end-to-end files spend much of their time waiting on the CLI processes and loopback
    // servers they start, so two files at once use the machine better. Every test works in
    // its own temporary folder and binds port 0, so files do not share state.
    maxWorkers: 2,
    hookTimeout: 900_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    coverage: {
      provider: 'v8',
      include: ['src/core/**/*.ts', 'src/ledger/**/*.ts'],
      exclude: ['**/*.test.ts', '**/testing/**'],
      thresholds: { lines: 95, functions: 95, statements: 95, branches: 90 },
    },
  },
});
