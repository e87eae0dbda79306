import { expect, test } from '@playwright/test';
import { baseUrl } from './support/env';

/** ISO-8601 with microseconds (the export's time column) → epoch microseconds, exactly. */
function isoToMicros(iso: string): number {
  const match = /^(.{19})\.(\d{6})Z$/.exec(iso);
  if (!match) throw new Error(`not a microsecond UTC time: ${iso}`);
  return Date.parse(`${match[1]}Z`) * 1000 + Number(match[2]);
}

test('the passes page lists the fleet\'s passes; a pass opens in the console fixed on AOS..LOS; two passes overlay at AOS', async ({ page }) => {
  await page.goto(baseUrl());
  await page.getByTestId('nav-passes').click();
  await expect(page).toHaveURL(/\/passes$/);

  const rows = page.getByTestId('pass-row');
  await expect(page.getByTestId('passes-status')).toHaveText(/^\d+ passes/);
  expect(await rows.count()).toBeGreaterThan(3);
  // Every satellite of the simulated fleet passes over some station within ±12 h.
  for (const name of ['PERIGEE-1', 'PERIGEE-2', 'PERIGEE-3']) await expect(page.getByTestId('pass-open').filter({ hasText: name }).first()).toBeVisible();

  // Filtering by satellite keeps only its passes.
  await page.getByTestId('passes-satellite').selectOption('102');
  await expect(page.getByTestId('pass-open').filter({ hasText: 'PERIGEE-1' })).toHaveCount(0);
  await expect(page.getByTestId('pass-open').first()).toHaveText('PERIGEE-2');

  // Overlay: two heard passes, one parameter, one series each.
  const heard = page.locator('[data-testid="pass-row"]:not([data-status="upcoming"])');
  expect(await heard.count()).toBeGreaterThanOrEqual(2);
  await heard.nth(0).getByTestId('pass-select').check();
  await heard.nth(1).getByTestId('pass-select').check();
  await expect(page.getByTestId('overlay-status')).toHaveText('2 passes');
  await expect(page.getByTestId('overlay-chart')).toHaveAttribute('data-series', '2');

  // Opening a pass goes to the satellite console with its AOS and LOS as the window.
  const passId = (await rows.first().getAttribute('data-pass-id'))!;
  const [, satelliteId, aosMs] = passId.split(':');
  await rows.first().getByTestId('pass-open').click();
  await page.waitForURL(/\/satellites\/\d+\?/);
  const url = new URL(page.url());
  expect(url.pathname).toBe(`/satellites/${satelliteId}`);
  expect(Date.parse(url.searchParams.get('from')!)).toBe(Number(aosMs));
  expect(Date.parse(url.searchParams.get('to')!)).toBeGreaterThan(Number(aosMs));
});

test('the CSV export of a window holds exactly the samples the history API returns for it', async ({ page }) => {
  await page.goto(baseUrl());
  // A window of archived telemetry, raw tier: 20 s of attitude.q0 (10 Hz) and the battery voltage (5 Hz),
  // taken once the fleet has been archived for that long.
  const q0 = 2;
  type History = { tier: string; series: Array<{ parameterId: number; timesMs: number[]; values: number[] }> };
  let window = { fromMs: 0, toMs: 0 };
  let body: History | undefined;
  await expect
    .poll(async () => {
      const toMs = Date.now() - 5_000;
      window = { fromMs: toMs - 20_000, toMs };
      const history = await page.request.get(`${baseUrl()}/api/satellites/101/history?parameters=${q0},100&from=${window.fromMs}&to=${window.toMs}`);
      body = (await history.json()) as History;
      return body.series[0]?.timesMs.length ?? 0;
    }, { timeout: 30_000 })
    .toBeGreaterThan(190);
  const { fromMs, toMs } = window;
  expect(body!.tier).toBe('raw');

  const csv = await page.request.get(
    `${baseUrl()}/api/export?satellite=101&params=attitude.q0,power.battery_voltage&from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const lines = (await csv.text()).trimEnd().split('\r\n');
  expect(lines[0]).toBe('time,attitude.q0,power.battery_voltage [V]');
  const cells = lines.slice(1).map((l) => l.split(','));

  for (const [column, parameterId] of [[1, q0], [2, 100]] as const) {
    const series = body!.series.find((s) => s.parameterId === parameterId)!;
    expect(series.timesMs.length).toBeGreaterThan(parameterId === q0 ? 190 : 95);
    const exported = cells.filter((c) => c[column] !== '').map((c) => [isoToMicros(c[0]!), Number(c[column])]);
    expect(exported).toEqual(series.timesMs.map((t, i) => [Math.round(t * 1000), series.values[i]]));
  }
});
