import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __ASREL_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Two files at a time: most CLI tests wait on the processes they start, so two cores run
    // two files well (vitest's default, one fewer than the cores, is one file at a time here).
    maxWorkers: 2,
    hookTimeout: 60_000,
  },
});
