/**
 * Perigee on an imported mission database: `perigee start` with
 * PERIGEE_MISSION_DB pointing at the AURORA XTCE example (its own process,
 * data folder and free ports, beside the one the global setup starts). The
 * simulator derives the fleet's telemetry from the definitions; the console
 * shows the imported subsystems with their derived views, live.
 */
import { expect, test } from '@playwright/test';
import { startPerigee, type RunningPerigee } from '../scripts/start-perigee';

const SUBSYSTEMS = ['aurora_eps', 'aurora_adcs', 'aurora_thermal', 'aurora_payload'];
let perigee: RunningPerigee;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  perigee = await startPerigee({ env: { PERIGEE_MISSION_DB: 'server/domain/mission/fixtures/aurora.xtce.xml', SIM_SATELLITES: '2', WEB_NODE_ID: 'e2e-imported' } });
});

test.afterAll(async () => {
  await perigee?.stop();
});

test('the console shows an imported mission live: a panel per imported subsystem, ten plotted series each, changing values', async ({ page }, testInfo) => {
  await page.goto(perigee.url);
  for (const id of [101, 102]) {
    for (const subsystem of SUBSYSTEMS) {
      await expect(page.getByTestId(`health-${id}-${subsystem}`)).toHaveAttribute('data-health', /nominal|warning|critical/, { timeout: 20_000 });
    }
    // The XTCE names the EPS mode as the spacecraft's mode.
    await expect(page.getByTestId(`mode-${id}`)).toHaveText(/^(OFF|SAFE|NOMINAL|CHARGE)$/, { timeout: 10_000 });
    // The header-only subsystem of the XTCE (primary header, time, spacecraft id) gets no health chip.
    await expect(page.getByTestId(`health-${id}-aurora`)).toHaveCount(0);
  }

  await page.goto(`${perigee.url}/satellites/101`);
  for (const subsystem of SUBSYSTEMS) {
    const panel = page.getByTestId(`panel-${subsystem}`);
    await expect(panel).toBeVisible();
    await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(3);
  }
  await expect(page.getByTestId('panel-aurora')).toHaveCount(0);
  // Derived views: "<name> trends" plots and "<name> parameters" tables.
  await expect(page.getByTestId('chart-eps-trends')).toBeVisible();
  await expect(page.getByTestId('values-eps-parameters')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('chart-thermal-trends').getAttribute('data-point-count')), { timeout: 15_000 }).toBeGreaterThan(10);

  const watched = ['aurora_eps.batt_v', 'aurora_adcs.rate_x', 'aurora_thermal.t_obc', 'aurora_payload.frame_count'];
  const first = await Promise.all(watched.map((name) => page.getByTestId(`value-${name}`).getAttribute('data-value')));
  for (const [i, name] of watched.entries()) {
    await expect.poll(() => page.getByTestId(`value-${name}`).getAttribute('data-value'), { timeout: 15_000 }).not.toBe(first[i]);
    await expect(page.getByTestId(`value-${name}`)).toHaveAttribute('data-state', 'live');
  }
  // Simulated inside its warning limits (26.5..32.5 V), so shown as nominal.
  const volts = Number(await page.getByTestId('value-aurora_eps.batt_v').getAttribute('data-value'));
  expect(volts).toBeGreaterThanOrEqual(26.5);
  expect(volts).toBeLessThanOrEqual(32.5);
  await expect(page.getByTestId('value-aurora_eps.batt_v')).toHaveAttribute('data-limit-state', 'nominal');
  // The enumerated mode's row in the values table names its state from the XTCE enumeration.
  const modeRow = page.getByTestId('values-eps-parameters').locator('tr', { has: page.getByTestId('value-aurora_eps.eps_mode') });
  await expect(modeRow).toHaveText(/^eps_mode\d(OFF|SAFE|NOMINAL|CHARGE)/);
  await page.screenshot({ path: testInfo.outputPath('imported-console.png'), fullPage: true });
});
