import { baseUrl } from './support/env';
import { expect, test } from '@playwright/test';

test('an operator signs in with their own account in a fresh browser, sees the console, signs out and lands on /login', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl()}/login?next=/satellites/101`);
    await page.getByLabel('Username').fill(process.env.PERIGEE_E2E_OPERATOR!);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toHaveText('wrong username or password');

    await page.getByLabel('Password').fill(process.env.PERIGEE_E2E_OPERATOR_PASSWORD!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${baseUrl()}/satellites/101`);
    const badge = page.getByTestId('user-badge');
    await expect(badge).toContainText('e2e-operator');
    await expect(badge).toHaveAttribute('data-role', 'operator');
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    // The console is live over the authenticated socket.
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await expect.poll(async () => Number(await page.getByTestId('panel-power').getAttribute('data-live-count')), { timeout: 20_000 }).toBeGreaterThan(0);
    const cookie = (await context.cookies()).find((c) => c.name === 'perigee_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await badge.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${baseUrl()}/login`);
    expect((await context.cookies()).find((c) => c.name === 'perigee_session')).toBeUndefined();
    const me = await page.request.get(`${baseUrl()}/api/auth/me`);
    expect(me.status()).toBe(401);
  } finally {
    await context.close();
  }
});

test('the zero-setup run signs a new browser in as the clearly marked demo operator', async ({ page }) => {
  await page.goto(baseUrl());
  await expect(page.getByTestId('demo-badge')).toHaveText(/demo operator/i);
  await expect(page.getByTestId('user-badge')).toHaveAttribute('data-role', 'operator');
});

test('a cross-site login attempt is refused with 403', async ({ request }) => {
  const response = await request.post(`${baseUrl()}/api/auth/login`, {
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    data: { username: 'e2e-operator', password: process.env.PERIGEE_E2E_OPERATOR_PASSWORD },
  });
  expect(response.status()).toBe(403);
});
