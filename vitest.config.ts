import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __ASREL_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Three files at a time on two cores: most CLI tests wait on the processes they start
    // (vitest's default, one fewer than the cores, is one file at a time here). Measured on this
    // machine kind: 144 s with three against 180 s with two, in back-to-back runs; the slowest
    // test then takes 14 s of its 30 s.
    maxWorkers: 3,
    // Files in one worker share its loaded modules (the suite's tests keep no module state
    // between files): a third less CPU than loading every module again for each of 100 files
    // (import time 17 s against 46 s; the whole run 136 s against 167 s back to back).
    isolate: false,
    hookTimeout: 60_000,
  },
});
