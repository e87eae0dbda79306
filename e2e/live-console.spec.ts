import { baseUrl } from './support/env';
import { streamThermalOf } from './support/stream-thermal';
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';


async function waitForLive(page: Page, subsystem: string, frames = 3) {
  const panel = page.getByTestId(`panel-${subsystem}`);
  await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(frames);
}

/** Thermal packets of satellite 101 with node_000 at `celsius`, every 200 ms for `durationMs`. */
function streamThermal(celsius: number, durationMs: number): Promise<{ done: Promise<void> }> {
  return streamThermalOf(101, celsius, durationMs);
}

test('the fleet lists every simulated satellite, and a console shows changing values in all three panels', async ({ page }, testInfo) => {
  await page.goto(baseUrl());
  for (const name of ['PERIGEE-1', 'PERIGEE-2', 'PERIGEE-3']) await expect(page.getByRole('link', { name: new RegExp(`${name}\\b`) })).toBeVisible();
  // Each satellite shows its spacecraft mode, live health per subsystem and its current or next pass with a countdown.
  for (const id of [101, 102, 103]) {
    await expect(page.getByTestId(`mode-${id}`)).toHaveText(/^[A-Z_]+$/, { timeout: 10_000 });
    for (const subsystem of ['attitude', 'thermal', 'power']) {
      await expect(page.getByTestId(`health-${id}-${subsystem}`)).toHaveAttribute('data-health', /nominal|warning|critical/);
    }
    await expect(page.getByTestId(`pass-${id}`)).toHaveText(/(LOS|AOS) in (\d+:)?\d+:\d\d/);
  }
  // The countdown runs.
  const countdown = await page.getByTestId('pass-101').textContent();
  await expect.poll(() => page.getByTestId('pass-101').textContent(), { timeout: 5000 }).not.toBe(countdown);
  await page.screenshot({ path: testInfo.outputPath('fleet.png'), fullPage: true });

  await page.goto(`${baseUrl()}/satellites/102`);
  for (const subsystem of ['attitude', 'thermal', 'power']) await waitForLive(page, subsystem);
  const watched = ['value-attitude.rate_x', 'value-power.battery_current', 'value-thermal.node_000'];
  const first = await Promise.all(watched.map((id) => page.getByTestId(id).getAttribute('data-value')));
  // Each panel's value changes as frames arrive (the thermal node within a few of its 1 Hz packets).
  for (const [i, id] of watched.entries()) {
    await expect.poll(() => page.getByTestId(id).getAttribute('data-value'), { timeout: 15_000 }).not.toBe(first[i]);
  }
  // And every value says it is live.
  for (const id of watched) await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'live');
  // The orientation view draws the three body axes from the quaternion and the error to the commanded attitude.
  await expect(page.getByTestId('orientation').locator('[data-axis]')).toHaveCount(3);
  const errorDeg = Number(await page.getByTestId('attitude-error').getAttribute('data-value'));
  expect(errorDeg).toBeGreaterThanOrEqual(0);
  expect(errorDeg).toBeLessThanOrEqual(180);
  await page.screenshot({ path: testInfo.outputPath('console.png'), fullPage: true });
});

test('a thermal node driven above its critical limit turns critical on the console within one second', async ({ page }) => {
  await page.goto(`${baseUrl()}/satellites/101`);
  await waitForLive(page, 'thermal');
  const node = page.getByTestId('value-thermal.node_000');
  await expect(node).toHaveAttribute('data-limit-state', 'nominal');

  const sender = await streamThermal(95, 3000);
  const sentAt = Date.now();
  await expect(node).toHaveAttribute('data-limit-state', 'critical', { timeout: 1000 });
  const shownAfterMs = Date.now() - sentAt;
  expect(Number(await node.getAttribute('data-value'))).toBeCloseTo(95, 0);
  test.info().annotations.push({ type: 'critical shown after (ms)', description: String(shownAfterMs) });
  // The stream processor raises the alarm; the satellite's alarm strip shows it as critical and unacknowledged.
  const alarm = page.getByTestId('alarm-thermal.node_000').first();
  await expect(alarm).toHaveAttribute('data-severity', 'critical', { timeout: 15_000 });
  await expect(alarm).toHaveAttribute('data-state', /unacknowledged/);
  await expect(page.getByTestId('alarm-strip')).toHaveAttribute('data-worst', 'critical');
  await sender.done;
  // The simulator's own nominal packets take over again once the injection stops.
  await expect(node).toHaveAttribute('data-limit-state', 'nominal', { timeout: 5000 });
  // The fleet overview names the satellite's worst alarm too.
  await page.goto(baseUrl());
  await expect(page.getByTestId('alarm-101')).toHaveAttribute('data-severity', 'critical', { timeout: 10_000 });
  await expect(page.getByTestId('alarm-101')).toContainText('thermal.node_000');
});

test('a lost server connection shows as disconnected, and on reconnect the missed interval is backfilled without a gap', async ({ page }) => {
  let outage = false;
  let endOutage = () => {};
  let restored = Promise.resolve();
  const open = new Set<WebSocketRoute>();
  // The console speaks WebSocket only: every connection goes through this proxy, which can cut it.
  await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
    // While the server is unreachable a connection attempt gets no answer; it goes through once it is back.
    if (outage) await restored;
    ws.connectToServer();
    open.add(ws);
  });
  await page.goto(`${baseUrl()}/satellites/103`);
  await waitForLive(page, 'attitude', 20);
  const panel = page.getByTestId('panel-attitude');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');

  // Continuous from the start: the seam between the history loaded on opening and the first live frames is filled.
  await expect.poll(async () => Number(await panel.getAttribute('data-largest-gap-ms')), { timeout: 10_000 }).toBeLessThan(1000);
  outage = true;
  restored = new Promise<void>((resolve) => (endOutage = resolve));
  for (const ws of open) await ws.close({ code: 4000, reason: 'outage' });
  open.clear();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'disconnected');
  await expect(page.getByTestId('backfill-state')).toHaveAttribute('data-state', 'outage');
  // Frames stop: after four seconds the attitude plot has a hole it did not have before.
  await page.waitForTimeout(4000);
  await expect.poll(async () => Number(await panel.getAttribute('data-largest-gap-ms'))).toBeGreaterThan(3000);

  outage = false;
  endOutage();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(page.getByTestId('backfill-state')).toHaveAttribute('data-state', 'backfilled', { timeout: 15_000 });
  // The 10 Hz attitude series is continuous again: no hole longer than a few packets since the console opened.
  await expect.poll(async () => Number(await panel.getAttribute('data-largest-gap-ms')), { timeout: 10_000 }).toBeLessThan(1000);
});

test('the console view lives in the URL: keyboard focus, window span and selected thermal nodes survive a reload', async ({ page }) => {
  await page.goto(`${baseUrl()}/satellites/101?focus=thermal&nodes=thermal.node_010,thermal.node_020`);
  await expect(page.getByTestId('panels')).toHaveAttribute('data-focus', 'thermal');
  await expect(page.getByTestId('panel-attitude')).toHaveCount(0);
  await waitForLive(page, 'thermal');
  await expect(page.getByTestId('selection-all-nodes-by-zone')).toHaveAttribute('data-selected', 'thermal.node_010,thermal.node_020');

  // Hover a node: its value, state and trend; click it: it joins the plotted selection.
  const cell = page.getByTestId('cell-thermal.node_030');
  await cell.hover();
  await expect(page.getByTestId('grid-hover')).toHaveAttribute('data-parameter', 'thermal.node_030');
  await expect.poll(async () => Number(await page.getByTestId('sparkline').getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(1);
  await cell.click();
  await expect(page).toHaveURL(/nodes=thermal\.node_010(%2C|,)thermal\.node_020(%2C|,)thermal\.node_030/);
  await expect.poll(async () => Number(await page.getByTestId('chart-all-nodes-by-zone-selection').getAttribute('data-point-count')), { timeout: 10_000 }).toBeGreaterThan(0);

  // Keyboard: 1 focuses attitude, 0 shows every panel, ] lengthens the window.
  await page.keyboard.press('1');
  await expect(page).toHaveURL(/focus=attitude/);
  await expect(page.getByTestId('panels')).toHaveAttribute('data-focus', 'attitude');
  await page.keyboard.press(']');
  await expect(page).toHaveURL(/span=30/);
  await page.reload();
  await expect(page.getByTestId('panels')).toHaveAttribute('data-focus', 'attitude');
  await expect(page.getByTestId('span')).toHaveValue('30');
  await page.keyboard.press('0');
  await expect(page.getByTestId('panels')).toHaveAttribute('data-focus', 'all');
  for (const subsystem of ['attitude', 'thermal', 'power']) await expect(page.getByTestId(`panel-${subsystem}`)).toBeVisible();
});

test('a units toggle shows temperatures in kelvin and rates in rad/s, and back', async ({ page }) => {
  await page.goto(`${baseUrl()}/satellites/102`);
  await waitForLive(page, 'thermal');
  const node = page.getByTestId('value-thermal.node_000');
  const displayed = async () => Number.parseFloat(((await node.textContent()) ?? '').replace(/[^0-9eE+.-]/g, ''));
  await expect.poll(displayed).toBeLessThan(200); // °C
  await page.keyboard.press('u');
  await expect(page.getByTestId('units')).toHaveAttribute('data-units', 'si');
  await expect(page).toHaveURL(/units=si/);
  // Kelvin: the engineering value (data-value, always °C) plus 273.15, to the displayed precision.
  await expect.poll(async () => (await displayed()) - Number(await node.getAttribute('data-value'))).toBeCloseTo(273.15, 0);
  await expect(page.getByTestId('panel-thermal').getByText('K', { exact: true }).first()).toBeVisible();
  await page.getByTestId('units').click();
  await expect(page.getByTestId('units')).toHaveAttribute('data-units', 'engineering');
  await expect.poll(displayed).toBeLessThan(200);
});

test('an operator acknowledges a critical thermal alarm with a comment, and a second console sees it acknowledged within a second', async ({ page, browser }) => {
  await page.goto(`${baseUrl()}/satellites/103`);
  await waitForLive(page, 'thermal');
  const other = await browser.newContext();
  const second = await other.newPage();
  try {
    await second.goto(`${baseUrl()}/satellites/103`);
    // Long enough for two of the rule's 10 s windows: the over-temperature alarm stays active meanwhile.
    const sender = await streamThermalOf(103, 97, 14_000);
    const rule = '[data-testid="alarm-thermal.node_000"][data-rule="thermal-overtemperature"]';
    const alarm = page.locator(rule);
    await expect(alarm).toHaveAttribute('data-state', 'unacknowledged', { timeout: 30_000 });
    await expect(alarm).toHaveAttribute('data-severity', 'critical');
    const mirrored = second.locator(rule);
    await expect(mirrored).toHaveAttribute('data-state', 'unacknowledged', { timeout: 5000 });

    await alarm.getByTestId('ack').click();
    await alarm.getByTestId('alarm-comment').fill('node 0 heater stuck on; switched to heater B');
    await alarm.getByTestId('ack-submit').click();
    await expect(alarm).toHaveAttribute('data-state', 'acknowledged', { timeout: 5000 });
    const ackedAt = Date.now();
    // The other console is told over the socket, well before its 2 s poll.
    await expect(mirrored).toHaveAttribute('data-state', 'acknowledged', { timeout: 1000 });
    test.info().annotations.push({ type: 'second console updated after (ms)', description: String(Date.now() - ackedAt) });
    await expect(mirrored).toContainText('ack demo-operator: “node 0 heater stuck on; switched to heater B”');
    await sender.done;
  } finally {
    await other.close();
  }
});

test('an alarm the stream raises shows on the console at once, before the archive has recorded it, and gives way to the recorded one', async ({ page }) => {
  // This console's reads of the archive's alarms are held back, as while a long pass dump keeps the
  // archiver seconds behind: only what the server pushes over the socket can show the alarm.
  let holdArchive = true;
  await page.route(/\/api\/alarms\?satellite=102&/, (route) => (holdArchive ? route.fulfill({ json: { alarms: [] } }) : route.continue()));
  await page.goto(`${baseUrl()}/satellites/102`);
  await waitForLive(page, 'thermal');
  await expect(page.getByTestId('alarm-strip')).toHaveAttribute('data-count', '0');

  const sender = await streamThermalOf(102, 96, 3000, 'thermal.node_005');
  const pushed = page.locator('[data-testid="alarm-live-thermal.node_005"][data-rule="limit"]');
  await expect(pushed).toHaveAttribute('data-state', 'unrecorded', { timeout: 10_000 });
  await expect(pushed).toHaveAttribute('data-severity', 'critical');
  // The node's value as decoded (to its calibration's resolution) and the critical high limit it crossed.
  await expect(pushed).toContainText(/value 9[56](\.\d+)? \(threshold 85\)/);
  await expect(pushed).toContainText('recording…');
  // Nothing to acknowledge yet: an action needs the archived alarm.
  await expect(pushed.getByTestId('ack')).toHaveCount(0);
  await expect(page.getByTestId('alarm-strip')).toHaveAttribute('data-worst', 'critical');
  await expect(page.locator('[data-testid="alarm-thermal.node_005"]')).toHaveCount(0);
  await sender.done;

  // The archive answers again: its row, which an operator can acknowledge, takes the pushed one's place.
  holdArchive = false;
  const recorded = page.locator('[data-testid="alarm-thermal.node_005"][data-rule="limit"]');
  await expect(recorded).toHaveAttribute('data-state', /unacknowledged/, { timeout: 15_000 });
  await expect(recorded).toHaveAttribute('data-severity', 'critical');
  await expect(recorded.getByTestId('ack')).toBeVisible();
  await expect(pushed).toHaveCount(0);
});
