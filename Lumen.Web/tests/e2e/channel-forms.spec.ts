import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRET_MASK } from '../../src/lib/channels';
import { CHANNEL_TYPES } from '../../src/lib/channel-types';
import { Rig } from './support/rig';

// Every channel type's form against the real hub's checks: the hub has a sender for each type the
// form offers; filled as a user would, each makes
// a channel the hub accepts, with the config the hub's senders read (secrets masked on the way
// back); opened and saved untouched, every secret is kept. Nothing is sent (no Test): the
// addresses are made up. Screenshots of the section and a form in both themes, desktop and phone.
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const PUSHOVER_APP = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const PUSHOVER_USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';

type Fill = { field: string; value: string; as?: 'select' | 'switch' };
interface Sample {
  type: string;
  name: string;
  fill: Fill[];
  /** The config the hub stores and shows: secrets as the mask. */
  config: Record<string, unknown>;
}

const samples: Sample[] = [
  {
    type: 'ntfy',
    name: 'Phone (ntfy)',
    fill: [
      { field: 'URL', value: 'https://ntfy.example/lumen-alerts' },
      { field: 'Priority', value: 'high', as: 'select' },
      { field: 'Access token', value: 'tk_e2e' },
    ],
    config: { url: 'https://ntfy.example/lumen-alerts', priority: 'high', token: SECRET_MASK },
  },
  {
    type: 'discord',
    name: 'Discord #ops',
    fill: [{ field: 'URL', value: 'https://discord.example/api/webhooks/1/abc' }],
    config: { url: SECRET_MASK },
  },
  {
    type: 'slack',
    name: 'Slack #alerts',
    fill: [{ field: 'URL', value: 'https://hooks.slack.example/services/T0/B0/x' }],
    config: { url: SECRET_MASK },
  },
  {
    type: 'telegram',
    name: 'Telegram',
    fill: [
      { field: 'Bot token', value: '123456:ABCdef' },
      { field: 'Chat id', value: '-1001234567890' },
      { field: 'Format', value: 'MarkdownV2', as: 'select' },
      { field: 'Bot API server', value: 'http://127.0.0.1:8081' },
    ],
    config: { bot_token: SECRET_MASK, chat_id: '-1001234567890', parse_mode: 'MarkdownV2', api_url: 'http://127.0.0.1:8081' },
  },
  {
    type: 'email',
    name: 'Mail',
    fill: [
      { field: 'SMTP server', value: 'smtp.example.com' },
      { field: 'Port', value: '587' },
      { field: 'TLS', value: 'starttls', as: 'select' },
      { field: "Accept the server's certificate unchecked", value: 'on', as: 'switch' },
      { field: 'Username', value: 'lumen' },
      { field: 'Password', value: 'mail password' },
      { field: 'From', value: 'lumen@example.com' },
      { field: 'To', value: 'me@example.com,ops@example.com' },
    ],
    config: {
      smtp_host: 'smtp.example.com',
      smtp_port: 587,
      tls: 'starttls',
      skip_tls_verify: true,
      username: 'lumen',
      password: SECRET_MASK,
      from_addr: 'lumen@example.com',
      to_addr: 'me@example.com, ops@example.com',
    },
  },
  {
    type: 'gotify',
    name: 'Gotify',
    fill: [
      { field: 'URL', value: 'https://gotify.example' },
      { field: 'Application token', value: 'AbCdEf.123' },
      { field: 'Priority', value: '8' },
    ],
    config: { url: 'https://gotify.example', token: SECRET_MASK, priority: 8 },
  },
  {
    type: 'pushover',
    name: 'Pushover',
    fill: [
      { field: 'Application token', value: PUSHOVER_APP },
      { field: 'User or group key', value: PUSHOVER_USER },
      { field: 'Device', value: 'pixel' },
      { field: 'Priority', value: '1', as: 'select' },
    ],
    config: { app_token: SECRET_MASK, user_key: SECRET_MASK, device: 'pixel', priority: 1 },
  },
  { type: 'web_push', name: 'This browser', fill: [], config: {} },
];

let rig: Rig;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  rig = await new Rig().start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark' });
  page = await context.newPage();
  expect((await page.request.post('/api/register', { data: { username: 'admin', password: 'correct horse battery' } })).ok()).toBe(true);
});

test('the hub has a sender for every type the form offers, and no other', async () => {
  // Its refusal of an unknown type lists the ones it has.
  const refusal = await page.request.post('/api/alerts/channels', { data: { name: 'probe', type: 'carrier-pigeon', config: {} } });
  expect(refusal.status()).toBe(400);
  const known = /one of (.+)$/.exec((await refusal.json()).error)?.[1].split(', ') ?? [];
  expect(known.sort()).toEqual(CHANNEL_TYPES.map((t) => t.type).sort());
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

const stored = async () => (await (await page.request.get('/api/alerts/channels')).json()) as { name: string; type: string; config: Record<string, unknown> }[];

for (const sample of samples)
  test(`a ${sample.type} channel made with its form is what the hub’s sender reads`, async () => {
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption(sample.type);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(sample.name);
    for (const { field, value, as } of sample.fill) {
      if (as === 'select') await dialog.getByRole('combobox', { name: field, exact: true }).selectOption(value);
      else if (as === 'switch') await dialog.getByRole('switch', { name: field }).click();
      // The label reads "URL *" for a required field (the mark is hidden from the accessible name, not from the label's text).
      else await dialog.getByLabel(new RegExp(`^${field}( \\*)?$`)).fill(value);
    }
    if (sample.type === 'email') await page.screenshot({ path: join(shots, 'channel-email-form-dark-desktop.png') });
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect(dialog).toBeHidden();
    const channel = (await stored()).find((c) => c.name === sample.name);
    expect(channel).toMatchObject({ type: sample.type });
    expect(channel?.config).toEqual(sample.config);
  });

test('every channel opened and saved untouched keeps its secrets', async () => {
  const before = await stored();
  for (const sample of samples) {
    await page.getByRole('button', { name: `Edit ${sample.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Save channel' }).click();
    await expect(dialog).toBeHidden();
  }
  expect(await stored()).toEqual(before.map((c) => ({ ...c, updated_at: expect.any(String) })));
});

test('screenshots: Settings → Notifications in both themes, desktop and phone', async ({ browser }) => {
  for (const theme of ['dark', 'light'] as const) for (const phone of [false, true]) await screenshot(browser, theme, phone);
});

async function screenshot(browser: Browser, theme: 'dark' | 'light', phone: boolean) {
  const ctx = await browser.newContext({
    baseURL: rig.url,
    colorScheme: theme,
    viewport: phone ? { width: 390, height: 844 } : { width: 1400, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
  await ctx.addCookies(await context.cookies());
  const p = await ctx.newPage();
  await p.goto('/settings#notifications');
  await expect(p.getByTestId('channel')).toHaveCount(samples.length);
  await p.screenshot({ path: join(shots, `settings-notifications-${theme}-${phone ? 'phone' : 'desktop'}.png`), fullPage: true });
  await p.getByRole('button', { name: 'Edit Mail' }).click();
  await p.screenshot({ path: join(shots, `channel-email-form-${theme}-${phone ? 'phone' : 'desktop'}.png`) });
  await ctx.close();
}
