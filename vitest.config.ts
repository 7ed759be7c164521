import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // CLI tests spawn the real bin; keep parallelism to the machine's two cores.
    maxWorkers: 2,
  },
});
