import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveSnapshotFields, metricsPointFields, missingFields, scalarFields, shapeProblems, type LiveSnapshot } from '../../src/lib/protocol';
import { Rig, type Child } from './support/rig';

// One homelab's first day, in order, against the real hub and agent: each test is a step and
// needs the ones before it.
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const USER = 'admin';
const PASSWORD = 'correct horse battery';

let rig: Rig;
let context: BrowserContext;
let page: Page;
let agent: Child;
let token = '';
let hostId = 0;
/** Every host snapshot the page's live stream delivered, newest last. */
const frames: { at: number; snapshot: LiveSnapshot }[] = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  console.log(`screenshots: ${shots}`);
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      // Snapshot frames are arrays; an alert frame (an object) is the alerts spec's business.
      if (typeof payload !== 'string' || !payload.startsWith('[')) return;
      for (const snapshot of JSON.parse(payload) as LiveSnapshot[]) frames.push({ at: Date.now(), snapshot });
    }),
  );
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

test('first run: the admin registers and lands on an empty overview', async () => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Lumen' })).toBeVisible();
  await page.getByLabel('User name').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Add your first host' })).toBeVisible();
  await page.screenshot({ path: join(shots, 'overview-empty-dark-desktop.png') });
});

test('a wrong password is refused with the hub’s message', async ({ browser }) => {
  const other = await browser.newContext({ baseURL: rig.url });
  const p = await other.newPage();
  await p.goto('/');
  await expect(p.getByRole('heading', { name: 'Sign in to Lumen' })).toBeVisible();
  await p.getByLabel('User name').fill(USER);
  await p.getByLabel('Password').fill('not the password');
  await p.getByRole('button', { name: 'Sign in' }).click();
  await expect(p.getByRole('alert')).toContainText('wrong username or password');
  await other.close();
});

test('adding a host shows its token once, with the install one-liner and agent.yaml', async () => {
  await page.getByRole('button', { name: 'Add a host' }).click();
  await expect(page).toHaveURL(/\/settings/);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('e2e-host');
  await dialog.getByRole('button', { name: 'Add host' }).click();

  const issued = page.getByTestId('issued-token');
  await expect(issued).toHaveText(/^lum_[0-9a-f]{64}$/);
  token = (await issued.textContent())!.trim();
  await expect(page.getByTestId('install-command')).toHaveText(`curl -fsSL ${rig.url}/install.sh | sudo bash -s -- --token ${token}`);
  await expect(page.getByTestId('agent-yaml')).toContainText(`hub_url: ${rig.url}`);
  await expect(page.getByTestId('agent-yaml')).toContainText(`token: ${token}`);
  await page.screenshot({ path: join(shots, 'token-dialog-dark-desktop.png') });
  await page.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('settings-host')).toHaveAttribute('data-host', 'e2e-host');

  // The hub's own words when it refuses: a second host of the same name (any case).
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('E2E-Host');
  await page.getByRole('dialog').getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(/already|exists|taken/i);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // The token is in no other answer.
  const hosts = await (await page.request.get('/api/hosts')).text();
  expect(hosts).not.toContain(token);
  hostId = JSON.parse(hosts)[0].id;
});

test('tags are saved on the host', async () => {
  await page.getByRole('button', { name: '+ Add tags' }).click();
  await page.getByLabel('Tags of e2e-host').fill('env=e2e, role=test');
  await page.getByRole('button', { name: 'Save tags' }).click();
  await expect(page.getByTestId('settings-host')).toContainText('env=e2e');
});

test('the agent started with the shown token makes its card appear and go live', async () => {
  agent = await rig.startAgent(token);
  await page.getByRole('link', { name: 'Overview' }).click();
  const card = page.getByTestId('host-card').filter({ hasText: 'e2e-host' });
  await expect(card).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('stream-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('fleet-summary')).toContainText('1 of 1 host online');
  await expect(card.locator('svg path[d^="M"]').first()).toBeAttached();

  // Filter by tag, then by a tag nobody has.
  await page.getByLabel('Filter hosts').fill('env=e2e');
  await expect(card).toBeVisible();
  await page.getByLabel('Filter hosts').fill('env=prod');
  await expect(page.getByText('No host matches')).toBeVisible();
  await page.getByLabel('Filter hosts').fill('');

  // What the stream carries is what the TypeScript mirror says.
  await expect.poll(() => frames.filter((f) => f.snapshot.host === 'e2e-host').length).toBeGreaterThan(1);
  const latest = frames.filter((f) => f.snapshot.host === 'e2e-host').at(-1)!.snapshot;
  expect(shapeProblems(latest, liveSnapshotFields)).toEqual([]);
  expect(missingFields(latest, liveSnapshotFields)).toEqual([]);
  expect(latest.host_id).toBe(hostId);
});

test('the host detail draws its charts from history and live frames', async () => {
  await page.getByTestId('host-card').filter({ hasText: 'e2e-host' }).click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}$`));
  await expect(page.getByTestId('host-name')).toHaveText('e2e-host');
  for (const chart of ['cpu', 'memory', 'disk', 'disk-io', 'network', 'load', 'temperature']) {
    const panel = page.getByTestId(`chart-${chart}`);
    await expect(panel.locator('canvas')).toBeAttached();
  }
  // Ten minutes live: every agent tick is a point.
  await page.getByRole('radio', { name: '10 min' }).click();
  await expect.poll(async () => Number(await page.getByTestId('chart-cpu').getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('core-bars').or(page.getByTestId('core-heat'))).toBeVisible();
  await expect(page.getByTestId('system-facts')).toContainText('Kernel');

  // The cursor shows a tooltip with units.
  const canvas = page.getByTestId('chart-cpu').locator('.u-over');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await expect(page.getByTestId('chart-cpu').locator('div').filter({ hasText: /%$/ }).first()).toBeVisible();
});

test('changing the range loads that window of history', async () => {
  const requested = page.waitForResponse((r) => r.url().includes(`/api/hosts/${hostId}/metrics`));
  await page.getByRole('radio', { name: '1 h' }).click();
  const response = await requested;
  expect(response.status()).toBe(200);
  const url = new URL(response.url());
  const span = (Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!)) / 1000;
  expect(span).toBeGreaterThan(3590);
  expect(span).toBeLessThan(3610);
  const body = await response.json();
  expect(body.points.length).toBeGreaterThan(0);
  for (const point of body.points) expect(shapeProblems(point, metricsPointFields)).toEqual([]);
  expect(body.step_seconds).toBeGreaterThanOrEqual(5);
  await expect.poll(async () => Number(await page.getByTestId('chart-cpu').getAttribute('data-points'))).toBeGreaterThan(0);

  const wider = page.waitForResponse((r) => r.url().includes(`/api/hosts/${hostId}/metrics`));
  await page.getByRole('radio', { name: '6 h' }).click();
  expect((await wider).status()).toBe(200);
});

test('the host page downloads the range shown as CSV, and the same link gives Parquet', async () => {
  await page.getByRole('radio', { name: '1 h' }).click();
  const csvLink = page.getByRole('group', { name: 'Download the range shown' }).getByRole('link', { name: 'Download CSV' });
  const href = new URL((await csvLink.getAttribute('href'))!, rig.url);
  expect(href.pathname).toBe(`/api/hosts/${hostId}/metrics.csv`);
  const span = (Date.parse(href.searchParams.get('to')!) - Date.parse(href.searchParams.get('from')!)) / 1000;
  expect(span).toBeGreaterThan(3590);
  expect(span).toBeLessThan(3610);

  const downloading = page.waitForEvent('download');
  await csvLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^e2e-host-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv$/);
  const [header, ...rows] = readFileSync((await download.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  const metrics = Object.keys(scalarFields);
  expect(header.split(',')).toEqual(['ts', 'samples', ...metrics.flatMap((m) => [m, `${m}_min`, `${m}_max`])]);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.split(',')).toHaveLength(2 + 3 * metrics.length);

  // The Parquet link asks for the same window; its file starts and ends with Parquet's magic.
  const parquetHref = await page.getByRole('link', { name: 'Download Parquet' }).getAttribute('href');
  expect(parquetHref).toBe(href.pathname.replace(/csv$/, 'parquet') + href.search);
  const parquet = await page.request.get(parquetHref!);
  expect(parquet.headers()['content-type']).toBe('application/vnd.apache.parquet');
  const bytes = await parquet.body();
  expect([bytes.subarray(0, 4).toString(), bytes.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
});

test('screenshots: overview, host detail and settings in both themes, desktop and phone', async ({ browser }) => {
  for (const theme of ['dark', 'light'] as const) {
    for (const device of ['desktop', 'phone'] as const) {
      await screenshotSet(browser, theme, device);
    }
  }
});

test('a hub restart shows the stream reconnecting, and it recovers by itself', async () => {
  await page.goto('/');
  const pill = page.getByTestId('stream-state');
  await expect(pill).toHaveAttribute('data-state', 'live');
  const restarted = rig.restartHub();
  await expect(pill).toHaveAttribute('data-state', 'reconnecting');
  await expect(pill).toContainText('Reconnecting');
  await page.screenshot({ path: join(shots, 'overview-reconnecting-dark-desktop.png') });
  await restarted;
  await expect(pill).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const card = page.getByTestId('host-card').filter({ hasText: 'e2e-host' });
  await expect(card).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
});

test('the agent follows a new collection interval set in the settings', async () => {
  // The agent reads its policy once a minute: allow for a whole minute before it follows.
  test.setTimeout(150_000);
  await page.goto('/settings');
  const field = page.getByLabel('Collection interval');
  await expect(field).toHaveValue('2s');
  await field.fill('5s');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const policy = await (await page.request.get('/api/settings')).json();
  expect(policy.agent_interval).toBe('5s');

  // Out of bounds: refused at the field, naming the bounds.
  await field.fill('1s');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Must be 2 s to 1 h.')).toBeVisible();
  await field.fill('5s');

  // The agent's own timestamps, as the stream delivers them, spread from 2 s to 5 s.
  const since = Date.now();
  await page.goto('/');
  let gaps: number[] = [];
  await test.step('watch the agent tick', async () => {
    try {
      await expect
        .poll(
          () => {
            const ts = [...new Set(frames.filter((f) => f.at > since && f.snapshot.host === 'e2e-host').map((f) => Date.parse(f.snapshot.ts)))];
            gaps = ts.slice(1).map((t, i) => Math.round((t - ts[i]) / 100) / 10);
            // The last three ticks 5 s apart: the agent read the new policy and follows it.
            return gaps.length >= 3 && gaps.slice(-3).every((g) => g >= 4.5 && g <= 5.5);
          },
          { timeout: 90_000, intervals: [1000] },
        )
        .toBe(true);
    } catch {
      throw new Error(`the agent did not settle on 5 s ticks; seconds between its ticks: ${gaps.join(', ')}\n${rig.diagnostics()}`);
    }
  });
  console.log(`seconds between the agent's ticks around the change: ${gaps.join(', ')}`);
});

test('rotating the token refuses the running agent and its card goes offline', async () => {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Rotate token' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate token' }).click();
  const fresh = (await page.getByTestId('issued-token').textContent())!.trim();
  expect(fresh).toMatch(/^lum_/);
  expect(fresh).not.toBe(token);
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Overview' }).click();
  const card = page.getByTestId('host-card').filter({ hasText: 'e2e-host' });
  // Three intervals of 5 s: offline within about 15 s of the last accepted frame.
  await expect(card).toHaveAttribute('data-online', 'false', { timeout: 40_000 });
  await expect(card.getByTestId('host-state')).toContainText('offline');
  await expect(page.getByTestId('fleet-summary')).toContainText('0 of 1 host online');
  await expect.poll(() => agent.output).toContain("refused this agent's token (401)");
});

test('a session that ends while the page is open returns to sign-in with a note', async () => {
  await context.clearCookies();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Lumen' })).toBeVisible();
  await expect(page.getByText('Your session has ended')).toBeVisible();
  await page.getByLabel('User name').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('the password is changed in the settings and the new one signs in', async () => {
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(`${PASSWORD} 2`);
  await page.getByLabel('New password again').fill(`${PASSWORD} 2`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed.')).toBeVisible();
  // Still signed in: the change hands this browser a fresh session.
  expect((await page.request.get('/api/me')).status()).toBe(200);
  const login = await page.request.post('/api/login', { data: { username: USER, password: `${PASSWORD} 2` } });
  expect(login.status()).toBe(200);
});

test('signing out returns to the sign-in page and ends the session', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Lumen' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Lumen' })).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

async function screenshotSet(browser: Browser, theme: 'dark' | 'light', device: 'desktop' | 'phone') {
  const phone = device === 'phone';
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
  const name = (what: string) => join(shots, `${what}-${theme}-${device}.png`);

  await p.goto('/');
  await expect(p.getByTestId('host-card').first()).toHaveAttribute('data-online', 'true');
  await expect(p.getByTestId('stream-state')).toHaveAttribute('data-state', 'live');
  await p.screenshot({ path: name('overview'), fullPage: true });

  await p.goto(`/hosts/${hostId}?range=10m`);
  await expect.poll(async () => Number(await p.getByTestId('chart-cpu').getAttribute('data-points'))).toBeGreaterThan(2);
  // And a live frame: without one the tiles, cores and containers are still placeholders.
  await expect(p.getByTestId('detail-tiles')).toBeVisible();
  await p.waitForTimeout(600);
  await p.screenshot({ path: name('host-detail'), fullPage: true });

  await p.goto('/settings');
  await expect(p.getByTestId('settings-host').first()).toBeVisible();
  await expect(p.getByLabel('Collection interval')).not.toHaveValue('');
  await p.screenshot({ path: name('settings'), fullPage: true });
  await ctx.close();
}
