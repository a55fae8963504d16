import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Rig } from './support/rig';

// Top processes end to end: switched on in Settings (a pattern the hub refuses shown at its
// field), then the real agent on this machine reads the policy and the host page lists its
// busiest processes, following the live frames.

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));

test.use({ colorScheme: 'dark' });

let rig: Rig;

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
});

test.afterAll(async () => {
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

test('processes switched on in Settings appear on the host page, live, from the real agent', async ({ page }) => {
  test.setTimeout(120_000);
  expect((await page.request.post(`${rig.url}/api/register`, { data: { username: 'admin', password: 'correct horse battery' } })).status()).toBe(201);
  const added = await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'box' } });
  expect(added.status()).toBe(201);
  const { host, token } = (await added.json()) as { host: { id: number }; token: string };

  await page.goto(`${rig.url}/settings`);
  const form = page.getByRole('form', { name: 'Processes settings' });
  await form.getByRole('checkbox').check();
  await form.getByRole('textbox', { name: 'How many' }).fill('5');
  await form.getByRole('textbox', { name: 'Also hide in command lines' }).fill('(?<=x)y');
  await form.getByRole('button', { name: 'Save processes' }).click();
  // The hub compiles the pattern as the agents will, and says why it cannot, at the field.
  await expect(form.getByText(/processes_redact_regex must be a regular expression/)).toBeVisible();
  await form.getByRole('textbox', { name: 'Also hide in command lines' }).fill('AKIA[0-9A-Z]{16}');
  await form.getByRole('button', { name: 'Save processes' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. Agents follow within about a minute.');
  const settings = (await (await page.request.get(`${rig.url}/api/settings`)).json()) as Record<string, unknown>;
  expect([settings.processes_enabled, settings.processes_top_n, settings.processes_redact_regex]).toEqual([true, 5, 'AKIA[0-9A-Z]{16}']);
  await form.screenshot({ path: join(shots, 'settings-processes-dark-desktop.png') });

  await rig.startAgent(token);
  await page.goto(`${rig.url}/hosts/${host.id}`);
  const table = page.getByTestId('processes-table');
  await expect(table).toBeVisible({ timeout: 45_000 });
  await expect(table.locator('thead th')).toHaveText(['PID', 'Name', 'User', 'CPU', 'Memory', 'Command']);
  const rows = table.locator('tbody tr');
  await expect.poll(async () => rows.count()).toBeGreaterThanOrEqual(1);
  expect(await rows.count()).toBeLessThanOrEqual(5);
  await expect(rows.first().locator('td').nth(0)).toHaveText(/^\d+$/);
  await expect(rows.first().locator('td').nth(3)).toHaveText(/^\d+\.\d %$/);
  await expect(rows.first().locator('td').nth(4)).toHaveText(/ (MiB|GiB)$/);

  // Each new frame of the host brings its list again.
  const first = await table.getAttribute('data-ts');
  await expect.poll(async () => table.getAttribute('data-ts'), { timeout: 15_000 }).not.toBe(first);

  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'host-detail-processes-dark-desktop.png'), fullPage: true });
});
