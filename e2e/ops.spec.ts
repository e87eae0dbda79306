import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl, ingestAddress } from './support/env';
import { expect, test } from '@playwright/test';


/** Sends one thermal packet of satellite 101 with its last CRC byte flipped; resolves with the bytes sent, as hex. */
function sendCorruptPacket(): Promise<string> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'send-packet.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ingestAddress(), '101', '288', '{}', '--corrupt-crc'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out.trim().split(' ')[1]!) : reject(new Error(`sender exited with ${code}`))));
  });
}

/** The first hex-dump row of a packet: 16 bytes, a gap after the eighth. */
function firstDumpRow(hex: string): string {
  const bytes = hex.match(/../g)!.slice(0, 16);
  return `00000000 ${bytes.slice(0, 8).join(' ')}  ${bytes.slice(8).join(' ')}`;
}

test('the ops page shows each consumer group with its lag, the pipeline moving, and a corrupt packet quarantined with its bytes', async ({ page }, testInfo) => {
  const packetHex = await sendCorruptPacket();

  await page.goto(baseUrl());
  await page.getByTestId('nav-ops').click();
  await expect(page).toHaveURL(/\/ops$/);

  // A card per consumer group of the pipeline, each with a numeric lag in messages and seconds and a state.
  for (const role of ['processor', 'archiver', 'live feed']) {
    const card = page.locator(`[data-testid^="ops-group-"][data-role="${role}"]`);
    await expect(card).toHaveCount(1);
    await expect(card.locator('[data-testid^="ops-lag-messages-"]')).toHaveText(/^\d+\s*msg$/);
    await expect(card.locator('[data-testid^="ops-lag-seconds-"]')).toHaveText(/^\d+(\.\d)? s$|^\d+ m \d\d s$/);
    await expect(card.locator('[data-testid^="ops-group-state-"]')).toHaveAttribute('data-state', /^(up|lagging|idle)$/);
  }

  // Throughput: the gateway receives the simulator's packets, as a rate over the last sample.
  const gatewayRow = page.locator('[data-testid="ops-throughput-row"][data-stage="gateway"][data-what="packets received (tcp)"]');
  await expect.poll(async () => Number(await gatewayRow.getAttribute('data-rate')), { timeout: 15_000 }).toBeGreaterThan(0);
  // The lag sparklines fill as the node samples every 2 s.
  await expect
    .poll(async () => Number(await page.getByTestId('ops-sparkline-perigee-archiver').getAttribute('data-points')), { timeout: 15_000 })
    .toBeGreaterThan(1);

  // The corrupt packet is counted by reason and listed with its bytes.
  await expect(page.getByTestId('ops-quarantine-reason-processor-crc-mismatch')).toHaveAttribute('data-count', /^[1-9]\d*$/);
  const quarantined = page.locator('[data-testid="ops-quarantined-packet"][data-reason="crc-mismatch"]').first();
  await expect(quarantined).toBeVisible({ timeout: 20_000 });
  await expect(quarantined.getByTestId('ops-quarantined-reason')).toHaveText('crc-mismatch');
  await expect(quarantined).toContainText(`${packetHex.length / 2} bytes`);
  await quarantined.locator('summary').click();
  await expect(quarantined.getByTestId('ops-hex-dump')).toBeVisible();
  await expect(quarantined.getByTestId('ops-hex-dump')).toContainText(firstDumpRow(packetHex));
  await page.screenshot({ path: testInfo.outputPath('ops.png'), fullPage: true });
});
