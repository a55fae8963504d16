import { expect, test, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metricsPointFields, shapeProblems, type HostMetrics } from '../../src/lib/protocol';
import { Rig } from './support/rig';

// Long history on the host page against the real hub and agent, in order (each step needs the
// ones before it): five weeks of frames sent through /api/ingest with the host's token, dated
// from the clock (as an agent draining its buffer would), then the real agent reporting live.
// The 30-day range draws min–max bands, a drag zooms every chart (history fetched for the span),
// Reset and Escape return; the settings' history fields and the hub's refusal.
test.describe.configure({ mode: 'serial' });

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const USER = 'admin';
const PASSWORD = 'correct horse battery';
const DAY = 86400;
/** Five weeks, one frame every 20 minutes: each of the 30-day range's buckets holds many. */
const BACKFILL_DAYS = 35;
const BACKFILL_EVERY = 20 * 60;

let rig: Rig;
let context: BrowserContext;
let page: Page;
let hostId = 0;

/** The window a history request asks for, unix seconds. */
function windowOf(request: Request): { from: number; to: number } {
  const url = new URL(request.url());
  return { from: Date.parse(url.searchParams.get('from')!) / 1000, to: Date.parse(url.searchParams.get('to')!) / 1000 };
}
/** The page's next history answer whose window spans `days` (or fewer, or more): not an earlier request still in flight. */
function historyAnswer(days: number, compare: 'about' | 'under' = 'about') {
  return page.waitForResponse((r) => {
    if (!r.url().includes(`/api/hosts/${hostId}/metrics`)) return false;
    const { from, to } = windowOf(r.request());
    return compare === 'under' ? to - from < days * DAY - 60 : Math.abs(to - from - days * DAY) <= 60;
  });
}
const isMetrics = (url: string) => url.includes(`/api/hosts/${hostId}/metrics`);
async function chartWindow(chart: string): Promise<{ from: number; to: number }> {
  const panel = page.getByTestId(`chart-${chart}`);
  return { from: Number(await panel.getAttribute('data-from')), to: Number(await panel.getAttribute('data-to')) };
}
const CHARTS = ['cpu', 'memory', 'disk', 'disk-io', 'network', 'load', 'temperature'];

/** A frame of the day's rhythm: CPU swinging with the hour and jittering from frame to frame, so every bucket has a spread. */
function frame(ts: number, i: number) {
  const jitter = ((i * 7919) % 23) - 11;
  return {
    ts: new Date(ts * 1000).toISOString(),
    cpu_pct: Math.max(0, Math.min(100, 35 + 20 * Math.sin((2 * Math.PI * ts) / DAY) + jitter)),
    ram_pct: 50 + 10 * Math.sin((2 * Math.PI * ts) / (7 * DAY)) + jitter / 4,
    swap_pct: 2,
    disk_pct: 60 + (ts % (30 * DAY)) / (30 * DAY),
    load1: 1.2 + jitter / 10,
    load5: 1,
    load15: 1,
    net_rx_bps: 200_000 + 10_000 * jitter,
    net_tx_bps: 50_000,
    disk_r_bps: 1000,
    disk_w_bps: 20_000,
    temp_c: 45 + jitter / 2,
    cpu_steal_pct: 0,
  };
}

async function backfill(token: string) {
  const now = Math.floor(Date.now() / 1000);
  const times: number[] = [];
  for (let ts = now - BACKFILL_DAYS * DAY; ts < now - 600; ts += BACKFILL_EVERY) times.push(ts);
  const started = Date.now();
  // A few at a time, oldest first, as an agent's buffer drains.
  for (let i = 0; i < times.length; i += 8) {
    const batch = times.slice(i, i + 8);
    const answers = await Promise.all(
      batch.map((ts, j) =>
        fetch(`${rig.url}/api/ingest`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(frame(ts, i + j)),
        }),
      ),
    );
    for (const answer of answers) if (!answer.ok) throw new Error(`ingest answered ${answer.status}: ${await answer.text()}`);
  }
  console.log(`backfilled ${times.length} frames over ${BACKFILL_DAYS} days in ${Date.now() - started} ms`);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(shots, { recursive: true });
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark' });
  page = await context.newPage();
  expect((await page.request.post('/api/register', { data: { username: USER, password: PASSWORD } })).ok()).toBe(true);
  const added = await (await page.request.post('/api/hosts', { data: { name: 'e2e-host' } })).json();
  hostId = added.host.id;
  await backfill(added.token);
  await rig.startAgent(added.token);
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

test('the 30 d range loads a month of history and draws min–max bands under the averages', async () => {
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByTestId('host-name')).toHaveText('e2e-host');
  const requested = historyAnswer(30);
  await page.getByRole('radio', { name: '30 d' }).click();
  const response = await requested;
  expect(response.status()).toBe(200);
  const asked = windowOf(response.request());
  expect(asked.to - asked.from).toBeGreaterThan(30 * DAY - 60);
  expect(asked.to - asked.from).toBeLessThanOrEqual(30 * DAY);
  await expect(page).toHaveURL(/\?range=30d$/);

  const body = (await response.json()) as HostMetrics;
  // Past the raw rows (24 h): whole buckets of downsample_bucket_size (5 m).
  expect(body.step_seconds % 300).toBe(0);
  expect(body.points.length).toBeGreaterThan(100);
  for (const point of body.points) expect(shapeProblems(point, metricsPointFields)).toEqual([]);
  const ranged = body.points.filter((p) => p.cpu_pct_min !== undefined && p.cpu_pct_max !== undefined);
  expect(ranged.length).toBeGreaterThan(100);
  expect(ranged.some((p) => p.cpu_pct_max! - p.cpu_pct_min! > 5)).toBe(true);

  // Every chart shows the month, and draws a band for each series that has one.
  for (const chart of CHARTS) {
    const window = await chartWindow(chart);
    expect(window.to - window.from).toBeGreaterThan(30 * DAY - 120);
  }
  const bands = { cpu: 2, memory: 2, disk: 1, 'disk-io': 2, network: 2, load: 1, temperature: 1 };
  for (const [chart, count] of Object.entries(bands)) await expect(page.getByTestId(`chart-${chart}`)).toHaveAttribute('data-bands', String(count));
  await expect.poll(async () => Number(await page.getByTestId('chart-cpu').getAttribute('data-points'))).toBeGreaterThan(100);

  // The tooltip gives the bucket's average with its lowest and highest.
  const over = (await page.getByTestId('chart-cpu').locator('.u-over').boundingBox())!;
  await page.mouse.move(over.x + over.width * 0.5, over.y + over.height / 2);
  const ranges = page.getByTestId('chart-cpu').locator('[data-range]');
  // Under CPU's average; not under steal's, which is 0 throughout (lowest = highest).
  await expect(ranges).toHaveCount(1);
  await expect(ranges.first()).toHaveText(/^min–max\d+(\.\d)? % – \d+(\.\d)? %$/);
  await page.getByTestId('chart-cpu').screenshot({ path: join(shots, 'chart-band-tooltip-dark-desktop.png') });
  await page.mouse.move(0, 0);
});

test('a drag across a chart zooms every chart to that span with finer history, and Reset zoom returns', async () => {
  const month = await chartWindow('cpu');
  const monthStep = Number((await (await page.request.get(`/api/hosts/${hostId}/metrics?from=${month.from}&to=${month.to}`)).json()).step_seconds);
  const over = (await page.getByTestId('chart-cpu').locator('.u-over').boundingBox())!;
  const y = over.y + over.height / 2;

  const zoomed = historyAnswer(29, 'under');
  await page.mouse.move(over.x + over.width * 0.4, y);
  await page.mouse.down();
  await page.mouse.move(over.x + over.width * 0.6, y, { steps: 10 });
  await page.mouse.up();
  const response = await zoomed;
  expect(response.status()).toBe(200);
  const asked = windowOf(response.request());
  const span = month.to - month.from;
  // The dragged fifth of the month, to within a pixel or two.
  expect(Math.abs(asked.from - (month.from + 0.4 * span))).toBeLessThan(span * 0.01);
  expect(Math.abs(asked.to - (month.from + 0.6 * span))).toBeLessThan(span * 0.01);
  const body = (await response.json()) as HostMetrics;
  expect(body.step_seconds).toBeLessThan(monthStep);
  expect(body.points.length).toBeGreaterThan(50);
  console.log(`30 d at ${monthStep} s a point; the zoom (${((asked.to - asked.from) / DAY).toFixed(1)} d) at ${body.step_seconds} s`);

  // The address and every chart follow the zoom; the bar offers the way back.
  await expect(page).toHaveURL(new RegExp(`\\?range=30d&zoom=${asked.from}-${asked.to}$`));
  const bar = page.getByTestId('zoom-bar');
  await expect(bar).toBeVisible();
  for (const chart of CHARTS) await expect.poll(() => chartWindow(chart)).toEqual(asked);
  await expect(page.getByTestId('chart-cpu')).toHaveAttribute('data-bands', '2');
  await page.screenshot({ path: join(shots, 'host-detail-zoomed-dark-desktop.png'), fullPage: true });

  const back = historyAnswer(30);
  await bar.getByRole('button', { name: 'Reset zoom' }).click();
  const again = windowOf((await back).request());
  expect(again.to - again.from).toBeGreaterThan(30 * DAY - 60);
  await expect(bar).toBeHidden();
  await expect(page).toHaveURL(/\?range=30d$/);
  await expect.poll(async () => (await chartWindow('network')).to - (await chartWindow('network')).from).toBeGreaterThan(30 * DAY - 120);

  // Escape returns too.
  const memory = (await page.getByTestId('chart-memory').locator('.u-over').boundingBox())!;
  await page.mouse.move(memory.x + memory.width * 0.7, memory.y + 20);
  await page.mouse.down();
  await page.mouse.move(memory.x + memory.width * 0.9, memory.y + 20, { steps: 10 });
  await page.mouse.up();
  await expect(bar).toBeVisible();
  await expect(page).toHaveURL(/&zoom=\d+-\d+$/);
  const escaped = historyAnswer(30);
  await page.keyboard.press('Escape');
  await escaped;
  await expect(bar).toBeHidden();
  await expect(page).toHaveURL(/\?range=30d$/);
});

test('a zoom in the address opens zoomed, and the year asks for the archive window', async () => {
  const now = Math.floor(Date.now() / 1000);
  const zoom = { from: now - 10 * DAY, to: now - 8 * DAY };
  const requested = page.waitForRequest((r) => isMetrics(r.url()));
  await page.goto(`/hosts/${hostId}?range=30d&zoom=${zoom.from}-${zoom.to}`);
  expect(windowOf(await requested)).toEqual(zoom);
  await expect(page.getByTestId('zoom-bar')).toBeVisible();
  await expect.poll(() => chartWindow('temperature')).toEqual(zoom);

  // Picking a range ends the zoom.
  const year = historyAnswer(365);
  await page.getByRole('radio', { name: '1 y' }).click();
  const response = await year;
  expect(response.status()).toBe(200);
  const asked = windowOf(response.request());
  expect(asked.to - asked.from).toBeGreaterThan(365 * DAY - 60);
  expect(asked.to - asked.from).toBeLessThanOrEqual(365 * DAY);
  await expect(page).toHaveURL(/\?range=1y$/);
  await expect(page.getByTestId('zoom-bar')).toBeHidden();
  await expect(page.getByText('Starts at the archive window')).toBeHidden();
  await expect(page.getByTestId('chart-cpu')).toHaveAttribute('data-bands', '2');
});

test('screenshots: the 30 d host page in both themes at desktop width', async ({ browser }) => {
  for (const theme of ['dark', 'light'] as const) await screenshot(browser, theme, `/hosts/${hostId}?range=30d`, 'host-detail-30d');
});

test('Settings → History: one field for the raw window under both names, the archive and the bucket, and the hub’s refusal', async () => {
  const puts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/api/settings')) puts.push(r.postData() ?? '');
  });
  await page.goto('/settings');
  const history = page.getByRole('group', { name: 'History' });
  const raw = history.getByLabel('Keep every sample for');
  const archive = history.getByLabel('Keep buckets for');
  const bucket = history.getByLabel('Bucket size');
  await expect(raw).toHaveValue('24h');
  await expect(archive).toHaveValue('8760h');
  await expect(bucket).toHaveValue('5m');
  // One field: the hot window is the retention window's other name, said at the field.
  await expect(history).toContainText('downsample_hot_window');
  await expect(page.getByRole('textbox', { name: /full resolution/i })).toHaveCount(0);
  await expect(page.locator('input[name="downsample_hot_window"]')).toHaveCount(0);

  // A bucket size in seconds is stopped at the field, before any request.
  await bucket.fill('90s');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(history.getByText('Must be whole minutes, such as 5m or 1h.')).toBeVisible();
  expect(puts).toEqual([]);
  await bucket.fill('5m');

  // Raw samples kept longer than buckets: the hub refuses, in its words, at the field it names.
  await raw.fill('48h');
  await archive.fill('1d');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(history.getByText(/^retention_window \(48h\) must not be longer than downsample_archive_window \(24h\)/)).toBeVisible();
  expect(puts).toHaveLength(1);
  await page.getByRole('form', { name: 'Runtime settings' }).screenshot({ path: join(shots, 'settings-history-refused-dark-desktop.png') });

  // Ten years of buckets and a longer raw window: saved, and both names of the raw window read the same.
  await raw.fill('36h');
  await archive.fill('3650d');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(JSON.parse(puts[1])).toEqual({ retention_window: '36h', downsample_archive_window: '87600h' });
  const saved = await (await page.request.get('/api/settings')).json();
  expect(saved).toMatchObject({ retention_window: '36h', downsample_hot_window: '36h', downsample_archive_window: '87600h' });
  await expect(archive).toHaveValue('87600h');

  for (const theme of ['dark', 'light'] as const) await screenshot(page.context().browser()!, theme, '/settings', 'settings-history');
});

async function screenshot(browser: Browser, theme: 'dark' | 'light', path: string, name: string) {
  const ctx = await browser.newContext({ baseURL: rig.url, colorScheme: theme, viewport: { width: 1400, height: 900 } });
  await ctx.addCookies(await context.cookies());
  const p = await ctx.newPage();
  await p.goto(path);
  if (path.startsWith('/hosts')) {
    await expect(p.getByTestId('chart-cpu')).toHaveAttribute('data-bands', '2');
    await expect(p.getByTestId('detail-tiles')).toBeVisible();
    await p.waitForTimeout(600);
  } else {
    await expect(p.getByLabel('Keep buckets for')).not.toHaveValue('');
  }
  await p.screenshot({ path: join(shots, `${name}-${theme}-desktop.png`), fullPage: true });
  await ctx.close();
}
