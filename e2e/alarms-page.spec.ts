import { baseUrl } from './support/env';
import { streamThermalOf as streamThermal } from './support/stream-thermal';
import { expect, test, type Browser, type Page } from '@playwright/test';

/** A fresh browser signed in with an account's own password, on `path`. */
async function signedIn(browser: Browser, user: 'OPERATOR' | 'VIEWER' | 'ADMIN', path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Username').fill(process.env[`PERIGEE_E2E_${user}`]!);
  await page.getByLabel('Password').fill(process.env[`PERIGEE_E2E_${user}_PASSWORD`]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${baseUrl()}${path}`);
  return page;
}

// A spacecraft id outside the simulated fleet (101..103): the simulator's own nominal packets cannot clear
// its alarm between ours, and the other specs' alarms on 101 and 103 stay out of the way.
const SATELLITE = 104;
const limitRow = (page: Page) => page.locator(`tr[data-subject="thermal.node_000"][data-rule="limit"][data-satellite="${SATELLITE}"]`);

test('an operator filters alarms, acknowledges one with a comment and sees it in its history; a viewer sees it with no action buttons', async ({ browser }, testInfo) => {
  // Over the 85 °C critical limit long enough for the whole journey: the alarm stays active, so acknowledging leaves it acknowledged.
  const sender = await streamThermal(SATELLITE, 96, 12_000);
  const page = await signedIn(browser, 'OPERATOR', `/alarms?satellite=${SATELLITE}`);
  try {
    // Once the list has loaded the page is live (hydrated): a filter chosen earlier would change only the bare HTML.
    await expect(page.getByTestId('alarms-count')).toHaveText(/shown/);
    await page.getByTestId('filter-subsystem').selectOption('thermal');
    await page.getByTestId('filter-severity').selectOption('critical');
    await expect(page).toHaveURL(new RegExp(`satellite=${SATELLITE}&subsystem=thermal&severity=critical`));
    const row = limitRow(page);
    await expect(row).toHaveAttribute('data-state', 'unacknowledged', { timeout: 15_000 });
    // Every page's navigation bar counts the alarms needing attention and names the worst severity.
    const summary = page.getByTestId('nav-alarm-summary');
    await expect(summary).toHaveAttribute('data-worst', 'critical');
    expect(Number(await summary.getAttribute('data-count'))).toBeGreaterThan(0);
    // Only what the filters ask for is listed.
    for (const listed of await page.locator('tr[data-alarm-id]').all()) {
      await expect(listed).toHaveAttribute('data-satellite', String(SATELLITE));
      await expect(listed).toHaveAttribute('data-severity', 'critical');
      await expect(listed).toHaveAttribute('data-subject', /^thermal\./);
    }

    await row.getByTestId('open-alarm').click();
    const detail = page.getByTestId('alarm-detail');
    await expect(page).toHaveURL(/alarm=\d+/);
    await detail.getByTestId('action-ack').click();
    // The comment is required: the button stays disabled until there is one.
    await expect(detail.getByTestId('ack-submit')).toBeDisabled();
    await detail.getByTestId('ack-comment').fill('node 0 heater stuck on, switched to heater B');
    await detail.getByTestId('ack-submit').click();
    await expect(row).toHaveAttribute('data-state', 'acknowledged', { timeout: 5000 });
    const entry = detail.locator('[data-testid="history-entry"][data-action="acknowledge"]');
    await expect(entry).toHaveAttribute('data-actor', 'e2e-operator');
    await expect(entry).toContainText('unacknowledged → acknowledged');
    await expect(entry).toContainText('“node 0 heater stuck on, switched to heater B”');
    await expect(entry).toContainText('from 127.0.0.1');
    await expect(detail.locator('[data-testid="history-entry"][data-action="raise"]').first()).toHaveAttribute('data-actor', 'system');
    const alarmUrl = page.url();
    await page.screenshot({ path: testInfo.outputPath('alarms.png'), fullPage: true });

    // A viewer opens the same alarm: the facts and history, no actions.
    const viewer = await signedIn(browser, 'VIEWER', new URL(alarmUrl).pathname + new URL(alarmUrl).search);
    try {
      const seen = viewer.getByTestId('alarm-detail');
      await expect(seen.locator('[data-testid="history-entry"][data-action="acknowledge"]')).toContainText('heater B');
      await expect(seen.getByTestId('detail-state')).toHaveText('acknowledged');
      await expect(viewer.getByTestId('alarm-actions')).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: /Acknowledge|Shelve|Assign|Unshelve/ })).toHaveCount(0);
      // Nor the audit log or the admin page: 403.
      for (const restricted of ['/audit', '/admin']) {
        expect((await viewer.goto(`${baseUrl()}${restricted}`))?.status()).toBe(403);
        await expect(viewer.getByTestId('forbidden')).toBeVisible();
      }
    } finally {
      await viewer.context().close();
    }
    await sender.done;
  } finally {
    await page.context().close();
  }
});

test('an admin changes the thermal threshold and the audit page shows who changed it from what to what', async ({ browser }, testInfo) => {
  const page = await signedIn(browser, 'ADMIN', '/admin');
  try {
    const rule = page.getByTestId('threshold-thermal-overtemperature');
    await expect(rule).toHaveAttribute('data-value', '85');
    await rule.getByTestId('threshold-input').fill('86.5');
    await rule.getByTestId('threshold-save').click();
    await expect(rule).toHaveAttribute('data-value', '86.5');
    await expect(rule).toContainText('set by e2e-admin');
    // Out of the nodes' valid range: refused with the reason, nothing stored.
    await rule.getByTestId('threshold-input').fill('500');
    await rule.getByTestId('threshold-save').click();
    await expect(rule.getByTestId('threshold-error')).toHaveText('thermal-overtemperature threshold must be at least -120 and at most 180 °C, got 500');
    await expect(rule).toHaveAttribute('data-value', '86.5');
    await page.screenshot({ path: testInfo.outputPath('admin.png'), fullPage: true });

    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expect(page.getByTestId('audit-entry').first()).toBeVisible();
    await page.getByTestId('audit-filter-action').selectOption('rule.threshold');
    await expect(page).toHaveURL(/action=rule\.threshold/);
    const entry = page.getByTestId('audit-entry').first();
    await expect(entry).toHaveAttribute('data-target', 'rule:thermal-overtemperature');
    await expect(entry).toHaveAttribute('data-actor', 'e2e-admin');
    await expect(entry.getByTestId('audit-change')).toHaveText('85 → 86.5');
    await expect(page.getByTestId('audit-entry')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('audit.png'), fullPage: true });

    // An operator reads the audit log but cannot open the admin page.
    const operator = await signedIn(browser, 'OPERATOR', '/audit?action=rule.threshold');
    try {
      await expect(operator.getByTestId('audit-entry').first()).toHaveAttribute('data-actor', 'e2e-admin');
      expect((await operator.goto(`${baseUrl()}/admin`))?.status()).toBe(403);
    } finally {
      await operator.context().close();
    }
  } finally {
    await page.context().close();
  }
});
