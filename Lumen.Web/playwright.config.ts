import { defineConfig } from '@playwright/test';

// Browser tests against the real hub and agent binaries (tests/e2e/support/rig.ts starts them).
// Debian's chromium, never a downloaded browser: run-tests.sh installs it with apt if missing.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    launchOptions: { executablePath: process.env.LUMEN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    viewport: { width: 1400, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
