import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAINTENANCE_WINDOW_KEYS } from '../../src/lib/maintenance';
import { Rig } from './support/rig';

// Silences and maintenance windows against the real hub and agent, in order (each step needs the
// ones before it): a host silenced from its page (a chosen end, then 1 h) says so in its header
// and on its card, and a rule true at once fires there as suppressed; the rule editor offers the
// known tags; a maintenance window made on the alerts page covers the host now, is listed as
// running, suppresses a new alert, and is deleted. Every time is taken from the clock. The browser
// runs in Asia/Kolkata (UTC+5:30), so local time and UTC differ, by a half hour too, and in en-GB
// (a 24-hour clock the assertions can spell).
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const USER = 'admin';
const PASSWORD = 'correct horse battery';
const ZONE = 'Asia/Kolkata';
const LOCALE = 'en-GB';
const SILENCED_RULE = 'Memory above 1 % (silenced)';
const MAINTAINED_RULE = 'Memory above 2 % (maintenance)';
const REASON = 'Kernel update';
/** A few agent intervals (2 s) and the policy's way to the host actors, with room for a busy machine. */
const ALERT_WAIT = 45_000;

let rig: Rig;
let context: BrowserContext;
let page: Page;
let hostId = 0;
let spareId = 0;

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark', timezoneId: ZONE, locale: LOCALE });
  page = await context.newPage();
  // An admin, the reporting host and a second one that never reports, each with tags, through the API.
  expect((await page.request.post('/api/register', { data: { username: USER, password: PASSWORD } })).ok()).toBe(true);
  const added = await (await page.request.post('/api/hosts', { data: { name: 'e2e-host' } })).json();
  hostId = added.host.id;
  expect((await page.request.put(`/api/hosts/${hostId}/tags`, { data: { tags: { env: 'e2e', role: 'web' } } })).ok()).toBe(true);
  spareId = (await (await page.request.post('/api/hosts', { data: { name: 'nas-spare' } })).json()).host.id;
  expect((await page.request.put(`/api/hosts/${spareId}/tags`, { data: { tags: { env: 'lab' } } })).ok()).toBe(true);
  await rig.startAgent(added.token);
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

/** The top bar's links (the host page has a second "Overview" link back). */
const nav = (name: 'Overview' | 'Alerts') => page.getByRole('navigation').getByRole('link', { name, exact: true });
const header = () => page.getByTestId('silence-state');
const card = (name: string) => page.getByTestId('host-card').filter({ hasText: name });
const firingRow = (name: string) => page.getByTestId('firing-event').filter({ has: page.getByText(name, { exact: true }) });
const windowRow = (reason: string) => page.getByTestId('maintenance-window').filter({ hasText: reason });

/** A rule true for this machine at once, on e2e-host alone, through the API. */
async function createRule(name: string, threshold: number) {
  const response = await page.request.post('/api/alerts/rules', {
    data: {
      name,
      metric: 'ram_pct',
      comparator: 'gt',
      threshold,
      for_seconds: 0,
      cooldown_seconds: 0,
      host: 'e2e-host',
      host_selector: '',
      container: '',
      severity: 'warning',
      enabled: true,
    },
  });
  expect(response.status()).toBe(201);
}

/** `ms` as a datetime-local field in the browser's zone shows it, and the same minute in UTC. */
async function localInput(ms: number): Promise<{ local: string; utc: string }> {
  return page.evaluate((at) => {
    const d = new Date(Math.floor(at / 60_000) * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      local: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`,
      utc: d.toISOString().replace('.000Z', 'Z'),
    };
  }, ms);
}

test('the host page silences the host until a chosen local time, sent as UTC, and ends it', async () => {
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByTestId('host-name')).toHaveText('e2e-host');
  const trigger = page.getByRole('button', { name: 'Silence', exact: true });
  await trigger.click();
  const menu = page.getByRole('dialog', { name: 'Silence this host' });
  await expect(menu).toContainText('Alerts are still recorded, marked suppressed');
  // The keyboard starts at the first choice; Escape closes the menu and goes back to its button.
  await expect(menu.getByRole('button', { name: '1 h', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();
  await trigger.click();

  // A past time is refused before anything is sent.
  const past = await localInput(Date.now() - 3600_000);
  await menu.getByLabel('Or until (your local time)').fill(past.local);
  await menu.getByRole('button', { name: 'Silence', exact: true }).click();
  await expect(menu.getByText('The end must be in the future.')).toBeVisible();

  const until = await localInput(Date.now() + 3 * 3600_000);
  await menu.getByLabel('Or until (your local time)').fill(until.local);
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/hosts/${hostId}/silence`) && r.method() === 'POST');
  await menu.getByRole('button', { name: 'Silence', exact: true }).click();
  expect((await sent).postDataJSON()).toEqual({ until: until.utc });
  await expect(header()).toHaveAttribute('data-until', until.utc);
  // In the browser's zone; "tomorrow" when three hours on is past its midnight.
  await expect(header()).toContainText(new RegExp(`Silenced until (tomorrow )?${until.local.slice(11)}`));
  await expect(header()).toContainText('nobody is notified');

  await header().getByRole('button', { name: 'End silence' }).click();
  await expect(page.getByRole('button', { name: 'Silence', exact: true })).toBeVisible();
  const hosts = await (await page.request.get('/api/hosts')).json();
  expect(hosts.find((h: { id: number }) => h.id === hostId).silenced_until).toBeNull();
});

test('silenced for 1 h from its page, the header and the card say so, and a rule true at once fires suppressed', async () => {
  await page.getByRole('button', { name: 'Silence', exact: true }).click();
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/hosts/${hostId}/silence`) && r.method() === 'POST');
  const asked = Date.now();
  await page.getByRole('dialog', { name: 'Silence this host' }).getByRole('button', { name: '1 h', exact: true }).click();
  expect((await sent).postDataJSON()).toEqual({ seconds: 3600 });
  await expect(header()).toContainText('Silenced until');
  const until = Date.parse((await header().getAttribute('data-until')) ?? '');
  expect(Math.abs(until - (asked + 3600_000))).toBeLessThan(120_000);

  await nav('Overview').click();
  const mark = card('e2e-host').getByTestId('silenced-mark');
  await expect(mark).toContainText('silenced');
  await expect(mark).toHaveAttribute('title', /^Silenced until .+: alerts are still recorded, marked suppressed/);
  await expect(card('nas-spare').getByTestId('silenced-mark')).toHaveCount(0);

  await createRule(SILENCED_RULE, 1);
  await nav('Alerts').click();
  const row = firingRow(SILENCED_RULE);
  await expect(row).toBeVisible({ timeout: ALERT_WAIT });
  await expect(row).toContainText('suppressed');
  const firing = await (await page.request.get('/api/alerts/events?state=firing')).json();
  expect(firing.find((e: { rule_name: string }) => e.rule_name === SILENCED_RULE)).toMatchObject({ host: 'e2e-host', suppressed: true });

  await nav('Overview').click();
  await expect(card('e2e-host').getByTestId('firing-badge')).toContainText('1 firing alert, warning (1 suppressed)');
  await card('e2e-host').click();
  await expect(page.getByTestId('firing-badge')).toContainText('(1 suppressed)');
  await header().getByRole('button', { name: 'End silence' }).click();
  await expect(header()).toHaveCount(0);
  await nav('Overview').click();
  await expect(card('e2e-host')).toBeVisible();
  await expect(card('e2e-host').getByTestId('silenced-mark')).toHaveCount(0);
});

test('the rule editor offers the known tags: a click adds a pair, typing narrows them', async () => {
  await nav('Alerts').click();
  await page.getByRole('button', { name: 'New rule' }).click();
  const dialog = page.getByRole('dialog');
  const selector = dialog.getByRole('textbox', { name: 'Tag selector', exact: true });
  const known = dialog.getByRole('group', { name: 'Known tags for tag selector' });
  await expect(known.getByRole('button')).toHaveText(['+env=e2e1', '+env=lab1', '+role=web1']);
  await known.getByRole('button', { name: 'Add env=e2e' }).click();
  await expect(selector).toHaveValue('env=e2e');
  await expect(selector).toBeFocused();
  await expect(dialog.getByTestId('rule-preview')).toContainText('chosen by the tag selector');
  await expect(dialog.getByTestId('preview-host')).toHaveText(['e2e-host']);
  // Typing narrows; a pick completes what was typed.
  await selector.press('End');
  await selector.pressSequentially(', ro');
  await expect(known.getByRole('button')).toHaveText(['+role=web1']);
  await known.getByRole('button', { name: 'Add role=web' }).click();
  await expect(selector).toHaveValue('env=e2e, role=web');
  // A pair typed by hand stays as typed.
  await selector.fill('env=nowhere');
  await expect(dialog.getByTestId('rule-preview')).toContainText('No registered host matches the tag selector yet.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('a maintenance window covering the host now: the hub’s refusal at its field, listed as running with its hosts', async () => {
  await expect(page.getByTestId('no-windows')).toContainText('No maintenance planned');
  const before = await localInput(Date.now());
  await page.getByRole('button', { name: 'New window' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'New maintenance window' })).toBeVisible();
  const after = await localInput(Date.now());
  await dialog.getByRole('textbox', { name: 'Reason', exact: true }).fill(REASON);
  // It starts this minute, by the browser's clock (a minute may turn while the dialog opens), and lasts two hours.
  const start = await dialog.getByLabel('Starts').inputValue();
  expect([before.local, after.local]).toContain(start);
  const startUtc = start === before.local ? before.utc : after.utc;
  // As the browser names the zone (chromium's ICU says Asia/Calcutta).
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(dialog.getByText(`Your local time (${zone}); the hub keeps UTC.`)).toBeVisible();

  // Every host until narrowed; a pattern the hub cannot parse is refused at its field.
  await expect(dialog.getByTestId('window-coverage')).toContainText('Covers every host (2 hosts):');
  const names = dialog.getByRole('textbox', { name: 'Names', exact: true });
  await names.fill('e2e-[');
  await dialog.getByRole('button', { name: 'Create window' }).click();
  // At the field; the coverage line under it says the same as the preview's answer (an alert).
  const refusal = dialog.getByText("host: host pattern 'e2e-[' has a '[' without its ']'");
  await expect(refusal.and(page.locator(':not([role="alert"])'))).toBeVisible();
  await expect(refusal.and(page.getByRole('alert'))).toBeVisible();
  await names.fill('*');
  await expect(dialog.getByTestId('covered-host')).toHaveText(['e2e-host', 'nas-spare']);
  // Scope tags from the known ones; their values match ignoring case.
  await dialog.getByRole('group', { name: 'Known tags for scope tags' }).getByRole('button', { name: 'Add env=e2e' }).click();
  const scope = dialog.getByRole('textbox', { name: 'Scope tags', exact: true });
  await expect(scope).toHaveValue('env=e2e');
  await expect(dialog.getByTestId('covered-host')).toHaveText(['e2e-host']);
  await scope.fill('env=E2E');
  await expect(dialog.getByTestId('window-coverage')).toContainText('Covers 1 host:');
  await expect(dialog.getByTestId('covered-host')).toHaveText(['e2e-host']);

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/maintenance') && r.method() === 'POST');
  await dialog.getByRole('button', { name: 'Create window' }).click();
  const body = (await sent).postDataJSON();
  expect(body).toMatchObject({ reason: REASON, recurrence: 'none', host: '*', scope_tags: { env: 'E2E' }, start_at: startUtc });
  expect(Date.parse(body.end_at) - Date.parse(body.start_at)).toBe(2 * 3600_000);
  await expect(dialog).toBeHidden();

  const row = windowRow(REASON);
  await expect(row).toHaveAttribute('data-state', 'active');
  await expect(row.getByTestId('window-state')).toHaveText('running');
  await expect(row).toContainText(/ends in (2 h|1 h 5\d min)/);
  await expect(row).toContainText('* with env=E2E');
  await expect(row.getByTestId('covered-host')).toHaveText(['e2e-host']);
  const listed = await (await page.request.get('/api/maintenance?state=active')).json();
  expect(Object.keys(listed.windows[0]).sort()).toEqual([...MAINTENANCE_WINDOW_KEYS].sort());
});

test('while the window runs a new alert of the host fires suppressed; its start cannot move; deleted it is gone, and an ended one is listed as ended', async () => {
  await createRule(MAINTAINED_RULE, 2);
  const row = firingRow(MAINTAINED_RULE);
  await expect(row).toBeVisible({ timeout: ALERT_WAIT });
  await expect(row).toContainText('suppressed');

  // The hub keeps a started window's start: moving it is refused (409) at the field.
  await page.getByRole('button', { name: `Edit ${REASON}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('It has begun: the hub keeps its start.')).toBeVisible();
  await dialog.getByLabel('Starts').fill((await localInput(Date.now() + 600_000)).local);
  await dialog.getByRole('button', { name: 'Save window' }).click();
  await expect(dialog.getByText(/^start_at cannot change: the window started at/)).toBeVisible();

  await dialog.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete window' }).click();
  await expect(dialog).toBeHidden();
  await expect(windowRow(REASON)).toHaveCount(0);
  await expect(page.getByTestId('no-windows')).toBeVisible();
  expect((await (await page.request.get('/api/maintenance?state=all')).json()).windows).toEqual([]);

  // An ended window is listed under Ended, as the hub's ?state=past answers.
  const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
  const over = { reason: 'Disk swap', start_at: at(-3), end_at: at(-2), recurrence: 'none', host: 'e2e-host', scope_tags: {} };
  expect((await page.request.post('/api/maintenance', { data: over })).status()).toBe(201);
  await page.getByRole('radio', { name: 'Ended' }).click();
  await expect(windowRow('Disk swap')).toHaveAttribute('data-state', 'past');
  await expect(windowRow('Disk swap')).toContainText('ended 2 h ago');
  await page.getByRole('radio', { name: 'Running & upcoming' }).click();
  await expect(page.getByTestId('no-windows')).toBeVisible();
  const { windows } = await (await page.request.get('/api/maintenance?state=past')).json();
  expect((await page.request.delete(`/api/maintenance/${windows[0].id}`)).ok()).toBe(true);
});

test('screenshots: the silenced host, its card, the silence menu, the maintenance windows and their editor, both themes, desktop and phone', async ({
  browser,
}) => {
  // A silence, a running window and a weekly one to come, through the API, all from the clock.
  expect((await page.request.post(`/api/hosts/${hostId}/silence`, { data: { seconds: 8 * 3600 } })).ok()).toBe(true);
  const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
  const running = { reason: 'Router firmware', start_at: at(-0.5), end_at: at(1.5), recurrence: 'none', host: '', scope_tags: { env: 'e2e' } };
  const weekly = { reason: 'Backups', start_at: at(30), end_at: at(33), recurrence: 'weekly', host: 'nas-*', scope_tags: {} };
  for (const data of [running, weekly]) expect((await page.request.post('/api/maintenance', { data })).status()).toBe(201);

  for (const theme of ['dark', 'light'] as const) for (const device of ['desktop', 'phone'] as const) await screenshotSet(browser, theme, device);

  const windows = (await (await page.request.get('/api/maintenance')).json()).windows as { id: number }[];
  for (const w of windows) expect((await page.request.delete(`/api/maintenance/${w.id}`)).ok()).toBe(true);
  expect((await page.request.delete(`/api/hosts/${hostId}/silence`)).status()).toBe(204);
});

test('deleting the rules resolves their alerts', async () => {
  const rules = (await (await page.request.get('/api/alerts/rules')).json()) as { id: number; name: string }[];
  for (const rule of rules.filter((r) => r.name !== 'Host offline')) expect((await page.request.delete(`/api/alerts/rules/${rule.id}`)).status()).toBe(204);
  await page.goto('/alerts');
  await expect(page.getByTestId('nothing-firing')).toBeVisible({ timeout: ALERT_WAIT });
});

async function screenshotSet(browser: Browser, theme: 'dark' | 'light', device: 'desktop' | 'phone') {
  const phone = device === 'phone';
  const ctx = await browser.newContext({
    baseURL: rig.url,
    colorScheme: theme,
    timezoneId: ZONE,
    locale: LOCALE,
    viewport: phone ? { width: 390, height: 844 } : { width: 1400, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
  await ctx.addCookies(await context.cookies());
  const p = await ctx.newPage();
  const name = (what: string) => join(shots, `${what}-${theme}-${device}.png`);

  await p.goto('/');
  await expect(p.getByTestId('silenced-mark')).toBeVisible();
  // The sparkline's line (the badge's and the silenced mark's icons are paths too).
  await expect(p.getByTestId('host-card').first().locator('svg path[stroke="var(--lm-cpu)"]')).toBeAttached({ timeout: ALERT_WAIT });
  await p.screenshot({ path: name('overview-silenced') });

  await p.goto(`/hosts/${hostId}`);
  await expect(p.getByTestId('silence-state')).toContainText('Silenced until');
  await expect(p.getByTestId('detail-tiles')).toBeVisible({ timeout: ALERT_WAIT });
  await p.screenshot({ path: name('host-detail-silenced') });

  await p.goto(`/hosts/${spareId}`);
  await p.getByRole('button', { name: 'Silence', exact: true }).click();
  await expect(p.getByRole('dialog', { name: 'Silence this host' })).toBeVisible();
  await p.screenshot({ path: name('host-detail-silence-menu') });

  await p.goto('/alerts');
  const panel = p.getByTestId('maintenance-panel');
  await expect(panel.getByTestId('maintenance-window')).toHaveCount(2);
  await expect(panel.getByTestId('covered-host').first()).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: name('alerts-maintenance') });

  await p.getByRole('button', { name: 'Edit Backups' }).click();
  await expect(p.getByRole('dialog').getByTestId('repeats-hint')).toContainText('Every');
  await expect(p.getByRole('dialog').getByTestId('window-coverage')).toBeVisible();
  await p.screenshot({ path: name('maintenance-window-editor') });
  await ctx.close();
}
