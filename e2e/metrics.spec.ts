import { expect, test } from '@playwright/test';

/** Value of one Prometheus sample line, e.g. `name{label="x"} 12`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
}

test('an operator scrapes /metrics of the running system and sees the pipeline move', async ({ request }) => {
  const url = `${process.env.PERIGEE_E2E_URL}/metrics`;
  const first = await (await request.get(url)).text();
  await expect
    .poll(async () => sample(await (await request.get(url)).text(), 'perigee_archiver_samples_total'), { timeout: 20_000 })
    .toBeGreaterThan(sample(first, 'perigee_archiver_samples_total'));
  const response = await request.get(url);
  expect(response.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  expect(sample(text, 'perigee_gateway_packets_total{transport="tcp"}')).toBeGreaterThan(0);
  expect(sample(text, 'perigee_processor_packets_total{lane="realtime"}')).toBeGreaterThan(0);
  expect(sample(text, 'perigee_live_frames_total')).toBeGreaterThan(0);
  expect(text).toMatch(/perigee_consumer_lag_messages\{group="perigee-archiver",topic="telemetry\.raw\.power",partition="\d"\} \d+/);
  expect(text).toMatch(/perigee_onboard_to_archive_seconds_count \d+/);
  expect(text).toMatch(/perigee_process_resident_memory_bytes \d+/);
});

test('an orchestrator probes liveness and readiness of the running system', async ({ request }) => {
  const base = process.env.PERIGEE_E2E_URL;
  const live = await request.get(`${base}/healthz`);
  expect([live.status(), await live.json()]).toEqual([200, { status: 'ok' }]);
  const ready = await request.get(`${base}/readyz`);
  expect([ready.status(), await ready.json()]).toEqual([
    200,
    { ready: true, checks: [{ name: 'database', ok: true }, { name: 'bus', ok: true }] },
  ]);
});
