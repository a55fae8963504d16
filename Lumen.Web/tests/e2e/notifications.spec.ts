import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_KEYS, DELIVERY_KEYS, SECRET_MASK } from '../../src/lib/channels';
import { Rig } from './support/rig';
import { expectedSignature, type Received, Receiver } from './support/receiver';

// Settings → Notifications and the delivery log against the real hub and agent, in order (each
// step needs the ones before it). Webhook channels point at real HTTP receivers on 127.0.0.1
// started here; a rule true at once (memory above 1 %) makes the real agent's reports fire an
// alert, whose deliveries the receivers answer as the step needs (500, 410, 200). Every wait is
// generous: the suite runs on a loaded 2-core machine.
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const RULE = 'Memory above 1 % (notify)';
const HOOK = 'Receiver';
const OTHER = 'Other receiver';
const FIRST_SECRET = 'first secret';
const SECOND_SECRET = 'second secret';
/** A few agent intervals (2 s) for the alert, and the retry back-off (5 s, then 15 s, ±20 %). */
const ALERT_WAIT = 45_000;
const RETRY_WAIT = 60_000;

let rig: Rig;
let context: BrowserContext;
let page: Page;
const receiver = new Receiver();
const other = new Receiver();
/** Every write to the channels API the page made. */
const channelWrites: string[] = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  await receiver.start();
  await other.start();
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('request', (r) => {
    if (r.url().includes('/api/alerts/channels') && (r.method() === 'POST' || r.method() === 'PUT') && !r.url().endsWith('/test'))
      channelWrites.push(`${r.method()} ${r.url()}`);
  });
  expect((await page.request.post('/api/register', { data: { username: 'admin', password: 'correct horse battery' } })).ok()).toBe(true);
  const added = await (await page.request.post('/api/hosts', { data: { name: 'e2e-host' } })).json();
  await rig.startAgent(added.token);
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
  await receiver.stop();
  await other.stop();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

const section = () => page.getByTestId('notifications-section');
const channelRow = (name: string) =>
  section()
    .getByTestId('channel')
    .filter({ has: page.getByText(name, { exact: true }) });
const hookRequests = () => receiver.matching('/hook');
const signedWith = (r: Received, secret: string) => r.headers['lumen-signature'] === expectedSignature(secret, r.body);

async function openEditor(name: string) {
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: `Edit “${name}”` })).toBeVisible();
  return dialog;
}

async function testChannel(name: string) {
  await channelRow(name)
    .getByRole('button', { name: `Test ${name}` })
    .click();
  return channelRow(name).getByTestId('channel-test-result');
}

test('a webhook channel made with its form: Test reaches the receiver, signed, and the page says sent', async () => {
  await page.goto('/settings');
  await expect(section().getByText('No channels yet')).toBeVisible();
  await section().getByRole('button', { name: 'Add channel' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'New notification channel' })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption('webhook');
  await expect(dialog.getByTestId('channel-about')).toContainText('Lumen-Signature');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(HOOK);
  await dialog.getByRole('textbox', { name: 'URL', exact: true }).fill(`${receiver.url}/hook`);
  await dialog.getByLabel('Signing secret').fill(FIRST_SECRET);
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog).toBeHidden();
  await expect(channelRow(HOOK)).toContainText(`${receiver.url}/hook`);
  await expect(channelRow(HOOK)).toContainText('Every alert');
  await expect(channelRow(HOOK)).toContainText('nothing sent yet');

  await expect(await testChannel(HOOK)).toHaveText('Test sent ✓');
  expect(hookRequests()).toHaveLength(1);
  const [sent] = hookRequests();
  expect(sent.method).toBe('POST');
  expect(sent.headers['content-type']).toContain('application/json');
  expect(sent.headers['lumen-delivery-id']).toBeTruthy();
  expect(signedWith(sent, FIRST_SECRET)).toBe(true);
  expect(JSON.parse(sent.body)).toMatchObject({ rule_name: 'Lumen test', host: 'test-host', state: 'firing' });

  // What the hub answers is what the TypeScript types say; the secret never comes back.
  const channels = await (await page.request.get('/api/alerts/channels')).json();
  expect(Object.keys(channels[0]).sort()).toEqual([...CHANNEL_KEYS].sort());
  expect(channels[0].config).toEqual({ url: `${receiver.url}/hook`, secret: SECRET_MASK });
});

test('the form stops slips before any request, and shows the hub’s refusal naming config.url under it', async () => {
  const dialog = await openEditor(HOOK);
  const url = dialog.getByRole('textbox', { name: 'URL', exact: true });
  const writes = channelWrites.length;
  await url.fill('ftp://example.home/hook');
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog.getByText('Must start with http:// or https://.')).toBeVisible();
  await url.fill('');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('  ');
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog.getByText('Give the channel a name.')).toBeVisible();
  await expect(dialog.getByText('Required.')).toBeVisible();
  expect(channelWrites.length).toBe(writes);

  // A host the form cannot judge: the hub refuses it, in its words, naming the field.
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(HOOK);
  await url.fill('http://exa mple.home/hook');
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('config.url: must be an http:// or https:// address with a host');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  expect(channelWrites.length).toBe(writes + 1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // Nothing was stored.
  const [stored] = await (await page.request.get('/api/alerts/channels')).json();
  expect(stored.config.url).toBe(`${receiver.url}/hook`);
});

test('the secret comes back masked; saved with the mask it is kept, typed anew it is replaced', async () => {
  let dialog = await openEditor(HOOK);
  const secret = dialog.getByLabel('Signing secret');
  await expect(secret).toHaveAttribute('type', 'password');
  await expect(secret).toHaveValue(SECRET_MASK);
  await expect(dialog.getByText('Stored and hidden. Leave it to keep it, or type a new one.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Alerts it takes' }).selectOption('warning');
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog).toBeHidden();
  await expect(channelRow(HOOK)).toContainText('Warning and critical');
  const put = channelWrites.at(-1);
  expect(put).toMatch(/^PUT /);

  // Test signs with the secret typed at first: the mask kept it.
  const before = hookRequests().length;
  await expect(await testChannel(HOOK)).toHaveText('Test sent ✓');
  expect(hookRequests()).toHaveLength(before + 1);
  expect(signedWith(hookRequests().at(-1)!, FIRST_SECRET)).toBe(true);

  dialog = await openEditor(HOOK);
  await dialog.getByLabel('Signing secret').fill(SECOND_SECRET);
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog).toBeHidden();
  await expect(await testChannel(HOOK)).toHaveText('Test sent ✓');
  const last = hookRequests().at(-1)!;
  expect(signedWith(last, SECOND_SECRET)).toBe(true);
  expect(signedWith(last, FIRST_SECRET)).toBe(false);
  const [stored] = await (await page.request.get('/api/alerts/channels')).json();
  expect(stored.config.secret).toBe(SECRET_MASK);
});

test('a Test the receiver refuses shows the channel’s error as the hub gave it', async () => {
  receiver.answer([503], 'receiver down for maintenance');
  await expect(await testChannel(HOOK)).toHaveText('Test failed: webhook: HTTP 503: receiver down for maintenance');
  await expect(channelRow(HOOK).getByTestId('channel-test-result')).toHaveAttribute('data-result', 'failed');
});

test('a second channel, and the switch turns a channel off and on', async () => {
  await section().getByRole('button', { name: 'Add channel' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption('webhook');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(OTHER);
  await dialog.getByRole('textbox', { name: 'URL', exact: true }).fill(`${other.url}/other`);
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog).toBeHidden();
  // Newest first.
  await expect(section().getByTestId('channel').first()).toHaveAttribute('data-channel', OTHER);

  const toggle = channelRow(OTHER).getByRole('switch');
  await toggle.click();
  await expect(channelRow(OTHER)).toHaveAttribute('data-enabled', 'false');
  let [stored] = await (await page.request.get('/api/alerts/channels')).json();
  expect(stored).toMatchObject({ name: OTHER, enabled: false });
  await toggle.click();
  await expect(channelRow(OTHER)).toHaveAttribute('data-enabled', 'true');
  [stored] = await (await page.request.get('/api/alerts/channels')).json();
  expect(stored.enabled).toBe(true);
});

test('a rule sending to one channel: its alert goes there alone, retried after 500s until sent, shown in the log', async () => {
  await page.goto('/alerts');
  await page.getByRole('button', { name: 'New rule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(RULE);
  await dialog.getByRole('combobox', { name: 'Metric', exact: true }).selectOption('ram_pct');
  await dialog.getByRole('textbox', { name: 'Threshold', exact: true }).fill('1');
  await dialog.getByRole('textbox', { name: 'For', exact: true }).fill('0s');
  await dialog.getByRole('textbox', { name: 'Names', exact: true }).fill('e2e-host');
  // Critical, so the channel taking warning and up takes it.
  await dialog.getByRole('radio', { name: 'critical' }).click();
  await expect(dialog.getByRole('radio', { name: 'critical' })).toHaveAttribute('aria-checked', 'true');
  const channels = dialog.getByTestId('rule-channels');
  await expect(channels.getByTestId('rule-channels-hint')).toHaveText('None chosen: every enabled channel gets this rule’s alerts.');
  await channels.getByRole('checkbox', { name: `${HOOK} (Webhook)`, exact: true }).check();
  await expect(channels.getByTestId('rule-channels-hint')).toContainText('Only the chosen channels');
  receiver.answer([500, 500], 'not yet');
  await dialog.getByRole('button', { name: 'Create rule' }).click();
  await expect(dialog).toBeHidden();
  const rules = await (await page.request.get('/api/alerts/rules')).json();
  const hookId = (await (await page.request.get('/api/alerts/channels')).json()).find((c: { name: string }) => c.name === HOOK).id;
  expect(rules.find((r: { name: string }) => r.name === RULE)).toMatchObject({ severity: 'critical', channel_ids: [hookId] });

  // The first attempt is refused: the log shows the row waiting for its retry, with the error.
  const firing = (j: Record<string, unknown>) => j.rule_name === RULE && j.state === 'firing';
  await expect.poll(() => receiver.matching('/hook', firing).length, { timeout: ALERT_WAIT }).toBeGreaterThan(0);
  await page.getByTestId('history-panel').getByRole('link', { name: 'Delivery log' }).click();
  await expect(page).toHaveURL(/\/alerts\/deliveries$/);
  const row = page.getByTestId('delivery').filter({ hasText: RULE });
  await expect(row).toHaveAttribute('data-status', 'pending', { timeout: RETRY_WAIT });
  await expect(row.getByTestId('delivery-error')).toHaveText('webhook: HTTP 500: not yet');
  await expect(row.getByTestId('delivery-next')).toContainText(/retry (in|due)/);
  await expect(row).toContainText(`to ${HOOK} (Webhook)`);
  await expect(row).toHaveAttribute('data-kind', 'firing');
  await expect(row.getByRole('button', { name: /Retry/ })).toHaveCount(0);

  // Refreshed by the page itself: the third attempt is answered 200.
  await expect(row).toHaveAttribute('data-status', 'sent', { timeout: RETRY_WAIT });
  await expect(row.getByTestId('delivery-attempts')).toHaveText('3 attempts');
  await expect(row.getByTestId('delivery-error')).toHaveCount(0);
  const attempts = receiver.matching('/hook', firing);
  expect(attempts.map((r) => r.answered)).toEqual([500, 500, 200]);
  // One delivery: the same id on every attempt, each signed.
  expect(new Set(attempts.map((r) => r.headers['lumen-delivery-id'])).size).toBe(1);
  expect(attempts.every((r) => signedWith(r, SECOND_SECRET))).toBe(true);
  // The rule named one channel: the other got nothing.
  expect(other.requests).toHaveLength(0);

  const deliveries = await (await page.request.get('/api/alerts/deliveries')).json();
  expect(Object.keys(deliveries[0]).sort()).toEqual([...DELIVERY_KEYS].sort());
  expect(deliveries[0]).toMatchObject({ channel_name: HOOK, channel_type: 'webhook', severity: 'critical', kind: 'firing', status: 'sent', attempts: 3 });
});

test('a resolution the receiver refuses for good fails at once; Retry sends it again, and it is sent', async () => {
  receiver.answer([410], 'gone');
  const resolved = (j: Record<string, unknown>) => j.rule_name === RULE && j.state === 'resolved';
  const rule = (await (await page.request.get('/api/alerts/rules')).json()).find((r: { name: string }) => r.name === RULE);
  const { id, created_at, updated_at, ...body } = rule;
  expect((await page.request.put(`/api/alerts/rules/${id}`, { data: { ...body, threshold: 100 } })).ok()).toBe(true);

  const row = page.getByTestId('delivery').and(page.locator('[data-kind="resolved"]')).filter({ hasText: RULE });
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: ALERT_WAIT });
  await expect(row.getByTestId('delivery-error')).toHaveText('webhook: HTTP 410: gone');
  await expect(row.getByTestId('delivery-attempts')).toHaveText('1 attempt');

  // The filters: failed rows only, then this channel's.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(page).toHaveURL(/\?status=failed$/);
  await expect(page.getByTestId('delivery')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Channel' }).selectOption({ label: OTHER });
  await expect(page.getByTestId('no-deliveries')).toBeVisible();
  await page.getByRole('combobox', { name: 'Channel' }).selectOption({ label: HOOK });
  await expect(page.getByTestId('delivery')).toHaveCount(1);

  await row.getByRole('button', { name: /Retry/ }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
  await expect(row).toHaveAttribute('data-status', 'sent', { timeout: RETRY_WAIT });
  const sent = receiver.matching('/hook', resolved);
  expect(sent.map((r) => r.answered)).toEqual([410, 200]);
  expect(new Set(sent.map((r) => r.headers['lumen-delivery-id'])).size).toBe(1);
  await page.screenshot({ path: join(shots, 'delivery-log-dark-desktop.png'), fullPage: true });

  // The channel list shows the newest delivery and links to its rows.
  await page.getByRole('link', { name: 'Channels' }).click();
  await expect(channelRow(HOOK).getByTestId('channel-last-delivery')).toContainText('sent');
  await expect(channelRow(OTHER).getByTestId('channel-last-delivery')).toHaveText('nothing sent yet');
});

test('deleting a channel asks first; the rule editor then shows its link gone', async () => {
  const dialog = await openEditor(OTHER);
  await dialog.getByRole('button', { name: 'Delete…' }).click();
  await expect(dialog.getByText('Delete this channel? Rules stop sending to it; its log stays.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep' }).click();
  await expect(channelRow(OTHER)).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete channel' }).click();
  await expect(dialog).toBeHidden();
  await expect(channelRow(OTHER)).toHaveCount(0);
  const names = (await (await page.request.get('/api/alerts/channels')).json()).map((c: { name: string }) => c.name);
  expect(names).toEqual([HOOK]);

  await page.goto('/alerts');
  await page.getByRole('button', { name: `Edit ${RULE}` }).click();
  const rule = page.getByRole('dialog');
  await expect(rule.getByTestId('rule-channels').getByRole('checkbox', { name: `${HOOK} (Webhook)`, exact: true })).toBeChecked();
  await expect(rule.getByTestId('rule-channels').getByRole('checkbox')).toHaveCount(1);
  await page.screenshot({ path: join(shots, 'alert-rule-channels-dark-desktop.png') });
  await rule.getByRole('button', { name: 'Cancel' }).click();
});
