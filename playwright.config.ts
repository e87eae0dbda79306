import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

/**
 * End-to-end operator journeys in Debian's Chromium against a real Perigee
 * (`perigee start`: embedded PostgreSQL + TimescaleDB, in-process bus,
 * simulated fleet) started by e2e/global-setup.ts on free ports.
 */
export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its output folder at start: keep it apart from the other suites' reports.
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
    trace: 'off',
  },
});
