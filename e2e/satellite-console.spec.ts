import { baseUrl } from './support/env';
import { expect, test, type Page } from '@playwright/test';

async function numberIn(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const value = Number.parseFloat(text.replace(/[^0-9eE+.-]/g, ''));
  if (!Number.isFinite(value)) throw new Error(`${testId} shows "${text}", not a number`);
  return value;
}

test('a controller opens a satellite from the fleet page and sees live attitude, thermal and power values', async ({ page }) => {
  await page.goto(baseUrl());
  const link = page.getByRole('link', { name: /PERIGEE-1\b/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/satellites\/101$/);

  for (const subsystem of ['attitude', 'thermal', 'power']) {
    const panel = page.getByTestId(`panel-${subsystem}`);
    await expect(panel).toBeVisible();
    // Live frames arrive over Socket.IO: the panel counts them.
    await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(2);
  }

  // Values are real decoded telemetry: a unit quaternion, a Li-ion battery voltage, a thermistor temperature.
  const q = await Promise.all([0, 1, 2, 3].map((i) => numberIn(page, `value-attitude.q${i}`)));
  expect(Math.hypot(...q)).toBeGreaterThan(0.98);
  expect(Math.hypot(...q)).toBeLessThan(1.02);
  const voltage = await numberIn(page, 'value-power.battery_voltage');
  expect(voltage).toBeGreaterThan(24);
  expect(voltage).toBeLessThan(33.6);
  const node = await numberIn(page, 'value-thermal.node_000');
  expect(node).toBeGreaterThan(-60);
  expect(node).toBeLessThan(85);

  // Each panel header tells how old its newest data is, and it stays fresh while frames flow.
  for (const subsystem of ['attitude', 'thermal', 'power']) {
    await expect(page.getByTestId(`age-${subsystem}`)).toHaveText(/\d/);
  }
  const before = Number(await page.getByTestId('panel-power').getAttribute('data-live-count'));
  await expect.poll(async () => Number(await page.getByTestId('panel-power').getAttribute('data-live-count'))).toBeGreaterThan(before + 5);
});

test('the power panel shows power v2’s solar array power live on a satellite flying v2, and no data on one still on v1', async ({ page }) => {
  // The default fleet is mixed (SIM_POWER_VERSION=mixed): PERIGEE-1 emits power v2, PERIGEE-2 power v1.
  await page.goto(`${baseUrl()}/satellites/101`);
  const panel = page.getByTestId('panel-power');
  await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(2);
  const arrayPower = page.getByTestId('value-power.solar_array_power');
  await expect(arrayPower).toHaveAttribute('data-state', 'live');
  // One reading of the DOM, so all values come from the same 5 Hz packet: the power is the wing currents times the voltage.
  const names = ['power.solar_array_power', 'power.battery_voltage', ...['px', 'mx', 'py', 'my'].map((w) => `power.solar_array_current_${w}`)];
  const reading = await page.evaluate(
    (ids) => ids.map((id) => Number(document.querySelector(`[data-testid="value-${id}"]`)?.getAttribute('data-value'))),
    names,
  );
  const [watts, volts, ...wingsA] = reading as [number, number, ...number[]];
  expect(watts).toBeGreaterThanOrEqual(0);
  expect(watts).toBeLessThan(330);
  expect(Math.abs(watts - wingsA.reduce((a, b) => a + b, 0) * volts)).toBeLessThan(0.2);
  await expect(arrayPower).toHaveText(/^\d+(\.\d+)?/);
  await expect(page.getByTestId('chart-solar-array-power')).not.toHaveAttribute('data-point-count', '0');

  await page.goto(`${baseUrl()}/satellites/102`);
  await expect.poll(async () => Number(await page.getByTestId('panel-power').getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(2);
  await expect(page.getByTestId('value-power.battery_voltage')).toHaveAttribute('data-state', 'live');
  // v1 has no such field: the value shows as no data, its plot stays empty, and the rest of the panel carries on.
  await expect(page.getByTestId('value-power.solar_array_power')).toHaveAttribute('data-state', 'none');
  await expect(page.getByTestId('value-power.solar_array_power')).toHaveText('—');
  await expect(page.getByTestId('chart-solar-array-power')).toHaveAttribute('data-point-count', '0');
  await expect(page.getByTestId('chart-battery')).not.toHaveAttribute('data-point-count', '0');

  // History of the v1 satellite: the archive answers an empty series for the field (no zeros), and the
  // console in HISTORY over that window shows recorded values with the field as no data.
  const toMs = Date.now() - 2_000;
  const fromMs = toMs - 60_000;
  const history = await page.request.get(`${baseUrl()}/api/satellites/102/history?parameters=100,110&from=${fromMs}&to=${toMs}`);
  expect(history.status()).toBe(200);
  const { series } = (await history.json()) as { series: { parameterId: number; timesMs: number[] }[] };
  expect(series.map((s) => s.parameterId)).toEqual([100, 110]);
  expect(series[0]!.timesMs.length).toBeGreaterThan(10);
  expect(series[1]!.timesMs).toEqual([]);
  await page.goto(`${baseUrl()}/satellites/102?from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`);
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'fixed');
  await page.getByTestId('conductor-scrub').fill(String(toMs - 1_000));
  await expect.poll(async () => Number(await page.getByTestId('value-power.battery_voltage').getAttribute('data-value')), { timeout: 15_000 }).toBeGreaterThan(24);
  await expect(page.getByTestId('value-power.solar_array_power')).toHaveText('—');
  await expect(page.getByTestId('chart-solar-array-power')).toHaveAttribute('data-point-count', '0');
});
