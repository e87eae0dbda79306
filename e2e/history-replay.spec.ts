import { baseUrl } from './support/env';
import { expect, test, type Page } from '@playwright/test';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { streamThermalOf } from './support/stream-thermal';
import { demoFleet } from '../server/domain/mission/fleet';
import { powerVersionRules } from '../server/sim/packet-versions';

const SATELLITE = 101;

async function liveCount(page: Page, subsystem: string): Promise<number> {
  return Number(await page.getByTestId(`panel-${subsystem}`).getAttribute('data-live-count'));
}

/** The cursor and the clock reading it was drawn at, read together: two separate reads can straddle a render. */
async function cursor(page: Page): Promise<{ cursorMs: number; nowMs: number }> {
  return page.getByTestId('conductor-cursor').evaluate((element) => ({
    cursorMs: Number(element.getAttribute('data-cursor-ms')),
    nowMs: Number(element.getAttribute('data-now-ms')),
  }));
}

/** What the archive recorded for a parameter at an instant: its last sample at or before it, from the history API at full rate. */
async function recordedAt(page: Page, name: string, atMs: number): Promise<number> {
  const parameter = defaultMissionDatabase().parameters.find((p) => p.name === name);
  if (!parameter) throw new Error(`no parameter ${name} in the mission database`);
  const query = new URLSearchParams({ parameters: String(parameter.id), from: String(atMs - 10_000), to: String(atMs + 1), width: '4096' });
  const response = await page.request.get(`${baseUrl()}/api/satellites/${SATELLITE}/history?${query}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { tier: string; series: { timesMs: number[]; values: number[] }[] };
  expect(body.tier).toBe('raw');
  const { timesMs, values } = body.series[0]!;
  let at = -1;
  for (let i = 0; i < timesMs.length; i++) if (timesMs[i]! <= atMs) at = i;
  if (at < 0) throw new Error(`no ${name} sample in the 10 s before ${new Date(atMs).toISOString()}`);
  return values[at]!;
}

async function shownValue(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`value-${name}`).first().getAttribute('data-value'));
}

test('an engineer freezes the live view, scrubs to an instant and sees the values recorded then, replays at 10×, and returns to LIVE without a gap', async ({ page }) => {
  await page.goto(`${baseUrl()}/satellites/${SATELLITE}`);
  // Enough archived telemetry behind the live view: ~20 s of 5 Hz power frames.
  await expect.poll(() => liveCount(page, 'power'), { timeout: 45_000 }).toBeGreaterThan(100);

  await page.getByTestId('conductor-history').click();
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'fixed');
  await expect(page.getByTestId('conductor')).toHaveAttribute('data-mode', 'fixed');
  await expect(page).toHaveURL(/from=.*to=/);
  const url = new URL(page.url());
  const fromMs = Date.parse(url.searchParams.get('from')!);
  const toMs = Date.parse(url.searchParams.get('to')!);
  expect(toMs - fromMs).toBe(10 * 60_000);

  // Scrub to 8 s before the end of the window: every panel shows what was recorded at that instant.
  await page.getByTestId('conductor-scrub').fill(String(toMs - 8_000));
  await expect(page.getByTestId('conductor-status')).toContainText('full-rate values at the cursor');
  const { cursorMs } = await cursor(page);
  expect(Math.abs(cursorMs - (toMs - 8_000))).toBeLessThan(1_000);
  await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBe(new Date(cursorMs).toISOString());
  for (const name of ['power.battery_voltage', 'attitude.q0', 'thermal.node_000']) {
    await expect.poll(() => shownValue(page, name)).toBe(await recordedAt(page, name, cursorMs));
  }
  // Lineage: the value at the cursor names the packet it came from.
  await page.getByTestId('value-power.battery_voltage').first().click();
  const lineage = page.getByTestId('lineage');
  await expect(lineage.getByTestId('lineage-source')).toHaveText(/^telemetry\.raw\.power partition \d+ offset \d+$/);
  // The e2e fleet is mixed (SIM_POWER_VERSION=mixed): the version this satellite's power packets carry.
  const layoutVersion = powerVersionRules(demoFleet(3), { emit: 'mixed' }).find((r) => r.satelliteId === SATELLITE)!.version;
  expect(layoutVersion).toBe(2);
  await expect(lineage.getByTestId('lineage-versions')).toContainText(`definition v${layoutVersion}, calibration `);
  await expect(lineage.getByTestId('lineage-value')).toContainText(`${await recordedAt(page, 'power.battery_voltage', cursorMs)} V`);
  await expect(lineage.getByTestId('lineage-hex')).toHaveText(/^[0-9a-f]{40,}$/);
  await page.getByTestId('lineage-close').click();
  await expect(lineage).toHaveCount(0);

  // Charts span the fixed window and mark the cursor.
  await expect(page.getByTestId('chart-battery')).toHaveAttribute('data-cursor-ms', String(cursorMs));

  // Replay at 10× from 100 s before the end: the cursor moves ten times as fast as the clock, and the values move with it.
  await page.getByTestId('conductor-scrub').fill(String(toMs - 100_000));
  await page.getByTestId('conductor-play-10').click();
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-playing', 'true');
  // The first render after the click may still carry the clock's reading from before it (the cursor not yet
  // moving): measure from a reading where the cursor has moved, so both readings lie inside the playback.
  const scrubbed = (await cursor(page)).cursorMs;
  await expect.poll(async () => (await cursor(page)).cursorMs).toBeGreaterThan(scrubbed);
  const first = await cursor(page);
  const q0Before = await shownValue(page, 'attitude.q0');
  await page.waitForTimeout(2_000);
  const second = await cursor(page);
  // Both readings inside the window (10 s of real time from 100 s before its end), so neither is clamped at the end.
  expect(second.cursorMs).toBeLessThan(toMs);
  const speed = (second.cursorMs - first.cursorMs) / (second.nowMs - first.nowMs);
  expect(speed).toBeGreaterThan(9.9);
  expect(speed).toBeLessThan(10.1);
  await expect.poll(() => shownValue(page, 'attitude.q0')).not.toBe(q0Before);
  // At the end of the window playback stops there.
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-playing', 'false', { timeout: 25_000 });
  expect((await cursor(page)).cursorMs).toBe(toMs);

  // Back to LIVE: the live feed kept running underneath, so the charts continue with no hole.
  const beforeLive = await liveCount(page, 'power');
  await page.getByTestId('conductor-live').click();
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'live');
  await expect.poll(() => new URL(page.url()).searchParams.has('from')).toBe(false);
  await expect.poll(() => liveCount(page, 'power')).toBeGreaterThan(beforeLive + 5);
  expect(Number(await page.getByTestId('panel-power').getAttribute('data-largest-gap-ms'))).toBeLessThan(3_000);
});

test('a link to a window opens it paused at its start; steps and the l key move between history and live', async ({ page }) => {
  const toMs = Date.now() - 5_000;
  const fromMs = toMs - 60_000;
  await page.goto(`${baseUrl()}/satellites/${SATELLITE}?from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`);
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'fixed');
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-cursor-ms', String(fromMs));
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-playing', 'false');

  // A step is a hundredth of the window, at least a second.
  await page.getByTestId('conductor-step-forward').click();
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-cursor-ms', String(fromMs + 1_000));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-cursor-ms', String(fromMs + 2_000));
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-cursor-ms', String(fromMs + 1_000));

  await page.keyboard.press('l');
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'live');
  await page.keyboard.press('l');
  await expect(page.getByTestId('panels')).toHaveAttribute('data-mode', 'fixed');
  // From LIVE, HISTORY freezes the live span ending now, with the cursor at its end.
  const opened = await cursor(page);
  expect(opened.cursorMs).toBeGreaterThan(fromMs + 60_000);
  await expect.poll(() => Date.parse(new URL(page.url()).searchParams.get('to') ?? '')).toBe(opened.cursorMs);
  await expect.poll(() => Date.parse(new URL(page.url()).searchParams.get('at') ?? '')).toBe(opened.cursorMs);
});

test('alarms replay with the window: a raise is marked on the scrub bar, and at that instant the replay strip shows it', async ({ page }) => {
  const satellite = 102;
  await page.goto(`${baseUrl()}/satellites/${satellite}`);
  // A thermal node over its critical limit for 3 s: the stream raises an alarm, recorded in the alarm event log.
  const startedMs = Date.now();
  const sender = await streamThermalOf(satellite, 97, 3_000);
  await sender.done;
  const limitEvents = async () => {
    const response = await page.request.get(`${baseUrl()}/api/satellites/${satellite}/alarm-events?from=${startedMs - 5_000}&to=${Date.now()}`);
    const { events } = (await response.json()) as { events: { ruleId: string; subject: string; kind: string; severity: string; atMs: number }[] };
    // The limit check's events, the ones asserted below: the 10 s thermal rule's event carries its window's time, which can come first.
    return events.filter((e) => e.ruleId === 'limit' && e.subject === 'thermal.node_000' && e.atMs >= startedMs - 5_000);
  };
  const raisedAt = async (): Promise<number | null> => (await limitEvents()).find((e) => e.kind === 'raised' && e.severity === 'critical')?.atMs ?? null;
  await expect.poll(raisedAt, { timeout: 15_000 }).not.toBeNull();
  const raisedAtMs = (await raisedAt())!;
  // The simulator's own 1 Hz packets bring the node back within limits between the injected ones, so the
  // alarm clears and is raised again: the instant asserted below lies between the raise and what followed it,
  // once the archive has recorded what followed (the injection has ended, so the node returns to normal).
  const followed = async () => (await limitEvents()).find((e) => e.atMs > raisedAtMs)?.atMs ?? null;
  await expect.poll(followed, { timeout: 15_000 }).not.toBeNull();
  const followedAtMs = (await followed())!;
  const activeMs = Math.ceil(raisedAtMs + Math.min(1_000, (followedAtMs - raisedAtMs) / 2));

  const fromMs = raisedAtMs - 60_000;
  await page.goto(`${baseUrl()}/satellites/${satellite}?from=${new Date(fromMs).toISOString()}&to=${new Date(raisedAtMs + 30_000).toISOString()}`);
  // Paused at the window's start, a minute before: nothing active then.
  await expect(page.getByTestId('replay-alarm-strip')).toHaveAttribute('data-count', '0');
  // The raise is marked (raises closer together than a marker's width share the marker of the first of them).
  const markers = page.getByTestId('conductor-alarm-marker');
  await expect(markers.first()).toBeVisible();
  const times = await markers.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-at-ms'))));
  const markerMs = Math.max(...times.filter((t) => t <= raisedAtMs && raisedAtMs - t < 1_000));
  expect(Number.isFinite(markerMs)).toBe(true);
  const marker = page.locator(`[data-testid="conductor-alarm-marker"][data-at-ms="${markerMs}"]`);
  await expect(marker).toHaveAttribute('data-severity', 'critical');
  await marker.click();
  await expect(page.getByTestId('conductor-cursor')).toHaveAttribute('data-cursor-ms', String(Math.round(markerMs)));
  await expect(page.getByTestId('replay-alarm-thermal.node_000').first()).toHaveAttribute('data-severity', /^(critical|warning)$/);
  // A moment after the critical raise (before what followed it), the strip shows it critical.
  await page.getByTestId('conductor-scrub').fill(String(activeMs));
  // The limit check's alarm on the node (the 10 s thermal rule may raise one on it too).
  const limitAlarm = page.locator('[data-testid="replay-alarm-thermal.node_000"][data-rule="limit"]');
  await expect(limitAlarm).toHaveAttribute('data-severity', 'critical');
  await expect(page.getByTestId('replay-alarm-strip')).toHaveAttribute('data-worst', 'critical');
});
