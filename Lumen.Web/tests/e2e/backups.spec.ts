import { mkdirSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Rig } from './support/rig';

// Settings → Backups end to end against the real hub: a passphrase set, the local target chosen
// and tested, a run refused with a wrong passphrase and made with the right one, the file
// downloaded through its link, and a restore that brings back the database as it was, after
// the hub restarted in place.

test.use({ colorScheme: 'light' });
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const passphrase = 'a long backup passphrase';
let rig: Rig;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rig = await new Rig().start();
});

test.afterAll(async () => {
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

test('Settings → Backups: passphrase, local target, test, run, download, restore', async ({ page }) => {
  test.setTimeout(180_000);
  expect((await page.request.post(`${rig.url}/api/register`, { data: { username: 'admin', password: 'correct horse battery' } })).status()).toBe(201);
  expect((await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'before-backup' } })).status()).toBe(201);
  const folder = join(rig.folder, 'my-backups');

  await page.goto(`${rig.url}/settings`);
  await expect(page.getByTestId('passphrase-state')).toContainText('No passphrase is set yet');
  await expect(page.getByText('No backups yet')).toBeVisible();
  await expect(page.getByTestId('backup-last')).toHaveText('None since the hub started.');

  // A run before any passphrase: the hub's words, in the dialog.
  await page.getByRole('button', { name: 'Run now' }).click();
  const runDialog = page.getByRole('form', { name: 'Run a backup now' });
  await runDialog.getByLabel('Backup passphrase').fill(passphrase);
  await runDialog.getByRole('button', { name: 'Back up' }).click();
  await expect(runDialog.getByRole('alert')).toHaveText(/no backup passphrase is set yet/);
  await runDialog.getByRole('button', { name: 'Cancel' }).click();

  // The passphrase: too short is refused before the hub is asked; then set, never shown back.
  const phrase = page.getByRole('form', { name: 'Backup passphrase' });
  await phrase.getByLabel('Passphrase').fill('short');
  await phrase.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(phrase.getByText('At least 8 characters.')).toBeVisible();
  await phrase.getByLabel('Passphrase').fill(passphrase);
  await phrase.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(phrase.getByRole('status')).toContainText('Passphrase set.');
  await expect(page.getByTestId('passphrase-state')).toContainText('A passphrase is set.');
  await expect(phrase.getByLabel('New passphrase')).toHaveValue('');

  // S3: the secret key is written, never read back ("stored"; empty keeps it); a target that
  // does not answer is reported by Test in the hub's words.
  const form = page.getByRole('form', { name: 'Backup settings' });
  await expect(form.getByRole('radio', { name: 'Local folder' })).toHaveAttribute('aria-checked', 'true');
  await form.getByRole('radio', { name: 'S3 bucket' }).click();
  await form.getByRole('textbox', { name: 'Endpoint' }).fill(`http://127.0.0.1:${await closedPort()}`);
  await form.getByRole('textbox', { name: 'Bucket' }).fill('lumen-test');
  await form.getByRole('textbox', { name: 'Access key' }).fill('AKIDEXAMPLE');
  await form.getByLabel('Secret key').fill('a-secret-key-value');
  await form.getByRole('checkbox', { name: /Path-style addresses/ }).check();
  await expect(page.getByRole('button', { name: 'Test target' })).toBeDisabled();
  const savedS3 = page.waitForResponse((r) => r.url().endsWith('/api/settings/backup') && r.request().method() === 'PUT');
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  expect(await (await savedS3).text()).not.toContain('a-secret-key-value');
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByLabel('Secret key')).toHaveValue('');
  await expect(form.getByLabel('Secret key')).toHaveAttribute('placeholder', 'stored');
  await expect(form.getByText('Stored. Empty keeps it; type to replace it.')).toBeVisible();
  const s3 = (await (await page.request.get(`${rig.url}/api/settings/backup`)).json()) as Record<string, unknown>;
  expect([s3.target, s3.s3_bucket, s3.s3_access_key, s3.has_secret_key, s3.s3_force_path_style]).toEqual(['s3', 'lumen-test', 'AKIDEXAMPLE', true, true]);
  await page.getByRole('button', { name: 'Test target' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'target probe failed:' })).toContainText('does not answer');
  // The list of that target fails too, in the hub's words, beside the list.
  const inTarget = page.getByRole('group', { name: 'In the target' });
  await expect(inTarget.getByRole('alert')).toContainText('could not list the backups:');

  // The local target, in a folder of the test's own; the hub stores it.
  await form.getByRole('radio', { name: 'Local folder' }).click();
  await form.getByRole('textbox', { name: 'Folder' }).fill('relative/path');
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(form.getByText(/An absolute folder/)).toBeVisible();
  await form.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await form.getByRole('textbox', { name: 'Keep the newest' }).fill('5');
  await form.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(inTarget.getByRole('alert')).toHaveCount(0);
  const stored = (await (await page.request.get(`${rig.url}/api/settings/backup`)).json()) as Record<string, unknown>;
  expect([stored.target, stored.local_path, stored.retain_last, stored.has_secret_key]).toEqual(['local', folder, 5, true]);

  await page.getByRole('button', { name: 'Test target' }).click();
  await expect(page.getByTestId('backup-action')).toHaveText('The target works: a probe was written and deleted.');

  // A wrong passphrase on Run: refused in the hub's words, nothing written.
  await page.getByRole('button', { name: 'Run now' }).click();
  await runDialog.getByLabel('Backup passphrase').fill('not the passphrase');
  await runDialog.getByRole('button', { name: 'Back up' }).click();
  await expect(runDialog.getByRole('alert')).toHaveText('that is not the backup passphrase set in the hub');
  await expect(page.getByRole('list', { name: 'Backups' })).toHaveCount(0);

  await runDialog.getByLabel('Backup passphrase').fill(passphrase);
  await runDialog.getByRole('button', { name: 'Back up' }).click();
  await expect(runDialog).toBeHidden();
  await expect(page.getByTestId('backup-action')).toHaveText(/^Backed up: lumen-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak, /);
  const name = /(lumen-[^,]+\.bak)/.exec((await page.getByTestId('backup-action').textContent()) ?? '')?.[1] ?? '';
  const row = page.getByRole('list', { name: 'Backups' }).getByRole('listitem');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  await expect(page.getByTestId('backup-last')).toContainText(name);
  await page.getByRole('heading', { name: 'Backups' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'settings-backups-light-desktop.png'), fullPage: true });

  // Download: the link answers the very file in the folder.
  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(name);
  const downloaded = readFileSync((await download.path()) ?? '');
  expect(downloaded.subarray(0, 10).toString('latin1')).toBe('LUMEN_BAK\0');
  expect(downloaded.equals(readFileSync(join(folder, name)))).toBe(true);

  // Restore: a host added after the backup is gone once the hub is back on the restored file.
  expect((await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'after-backup' } })).status()).toBe(201);
  await row.getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('form', { name: `Restore ${name}?` });
  await expect(restore).toContainText('replaces the whole database');
  await expect(restore).toContainText('hosts and their tokens, users and passwords, settings');
  await expect(restore).toContainText('kept beside it');
  await expect(restore).toContainText('the hub restarts');
  await restore.getByLabel('Backup passphrase').fill('not the passphrase');
  await restore.getByRole('button', { name: 'Restore and restart' }).click();
  await expect(restore.getByRole('alert')).toContainText('restore refused, nothing was changed');

  await restore.getByLabel('Backup passphrase').fill(passphrase);
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await restore.getByRole('button', { name: 'Restore and restart' }).click();
  await expect(page.getByText(`${name} is restored. The hub is restarting on it`)).toBeVisible();
  await reloaded;

  expect((await page.request.post(`${rig.url}/api/login`, { data: { username: 'admin', password: 'correct horse battery' } })).status()).toBe(200);
  const hosts = (await (await page.request.get(`${rig.url}/api/hosts`)).json()) as { name: string }[];
  expect(hosts.map((h) => h.name)).toEqual(['before-backup']);
  await page.goto(`${rig.url}/settings`);
  await expect(page.getByRole('list', { name: 'Backups' }).getByRole('listitem')).toContainText(name);
});
