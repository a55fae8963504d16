import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rig } from './support/rig';

// The installable dashboard against the real hub, which serves the production build: the web
// app manifest and its icons as Chromium reads them, the service worker registering and
// controlling the page, the shell opening from its cache with the network gone or the hub
// down (and saying so), API answers never stored, and a push shown as a notification by the
// worker (delivered through the DevTools protocol: the machine has no push service).
test.describe.configure({ mode: 'serial' });

let rig: Rig;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  rig = await new Rig().start();
  context = await browser.newContext({ baseURL: rig.url, colorScheme: 'dark' });
  page = await context.newPage();
  expect((await page.request.post('/api/register', { data: { username: 'admin', password: 'correct horse battery' } })).ok()).toBe(true);
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

/** The signed-in dashboard's top bar (the overview of a hub without hosts has no heading of its own). */
const dashboard = () => page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true });

/** A PNG's width and height from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every URL in the page's caches. */
const cachedUrls = () =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });

test('the manifest is served and valid, as Chromium reads it, with PNG icons of 192 and 512 px', async () => {
  await page.goto('/');
  await expect(dashboard()).toBeVisible();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Lumen', short_name: 'Lumen', start_url: '/', scope: '/', display: 'standalone' });
  // The app's dark background (--lm-bg), the colour the splash screen and title bar take.
  expect(manifest.background_color).toBe('#0a0d13');
  expect(manifest.theme_color).toBe('#0a0d13');

  const sizes: string[] = [];
  for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]) {
    const file = await page.request.get(icon.src);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    const { width, height } = pngSize(await file.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
    sizes.push(`${icon.sizes} ${icon.purpose}`);
  }
  expect(sizes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  // Chromium's own parse of it: no error, no warning.
  const cdp = await context.newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.url).toBe(`${rig.url}/manifest.webmanifest`);
  expect(parsed.errors).toEqual([]);
  await cdp.detach();
});

test('the browser’s bar takes the page’s background: the system’s theme, or the one picked in the top bar', async () => {
  const bars = () => page.locator('meta[name="theme-color"]').evaluateAll((metas) => metas.map((m) => (m as HTMLMetaElement).content));
  expect(await bars()).toEqual(['#f4f6f9', '#0a0d13']);
  await page.getByRole('radio', { name: 'light theme' }).click();
  expect(await bars()).toEqual(['#f4f6f9', '#f4f6f9']);
  await page.reload();
  expect(await bars()).toEqual(['#f4f6f9', '#f4f6f9']);
  await page.getByRole('radio', { name: 'system theme' }).click();
  expect(await bars()).toEqual(['#f4f6f9', '#0a0d13']);
});

test('the service worker registers, controls the page, and caches the shell but never an API answer', async () => {
  const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(script).toBe(`${rig.url}/sw.js`);
  await page.reload();
  await expect(dashboard()).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${rig.url}/sw.js`);
  const sw = await page.request.get('/sw.js');
  // Never cached by the browser itself: a new build's worker is found at the next visit.
  expect(sw.headers()['cache-control']).toBe('no-cache');

  // The page made API calls (me, hosts, the stream): none of them is in a cache.
  const cached = await cachedUrls();
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => new URL((e as HTMLScriptElement).src).pathname));
  expect(cached).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest', '/icons/icon-192.png', ...scripts]));
  expect(cached.some((url) => url.startsWith('/assets/alerts-'))).toBe(true);
  expect(cached.filter((url) => url.startsWith('/api'))).toEqual([]);
});

test('Chromium finds nothing stopping an install: a manifest, its icons, a worker that handles fetches', async () => {
  // A test's usual context is off the record, where Chromium never offers an install ("in-incognito"): a profile on disk, as a user's.
  const profile = mkdtempSync(join(tmpdir(), 'lumen-web-profile-'));
  const installable = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.LUMEN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
    baseURL: rig.url,
  });
  try {
    const p = installable.pages()[0] ?? (await installable.newPage());
    await p.goto('/');
    await p.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    const cdp = await installable.newCDPSession(p);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
  } finally {
    await installable.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline, the dashboard opens from its cache and says so, then comes back by itself', async () => {
  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  const offline = page.getByTestId('offline-state');
  await expect(offline).toHaveAttribute('data-offline', 'true');
  await expect(offline.getByRole('heading')).toHaveText('You are offline');
  await expect(offline).toContainText('The hub cannot be reached');

  await context.setOffline(false);
  await expect(dashboard()).toBeVisible({ timeout: 15_000 });
  await expect(offline).toHaveCount(0);
});

test('with the hub down, a reload shows the shell saying the hub does not answer; it recovers when the hub is back', async () => {
  await rig.hub!.stop();
  // Nothing but the worker's cache can answer this page now.
  const response = await page.goto('/alerts');
  expect(response?.fromServiceWorker()).toBe(true);
  expect(response?.status()).toBe(200);
  const down = page.getByTestId('offline-state');
  await expect(down).toHaveAttribute('data-offline', 'false');
  await expect(down.getByRole('heading')).toHaveText('The hub does not answer');
  await rig.restartHub();
  await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible({ timeout: 20_000 });
});

test('a push shows as a notification with the payload’s title, body and tag', async () => {
  await context.grantPermissions(['notifications']);
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((ok) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${rig.url}/`);
      if (live) ok(live.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  const payload = {
    title: '[critical] e2e-host: CPU 93 % > 80 % for 1 min',
    body: 'CPU 93 % (threshold 80 %), firing since 10:02',
    tag: 'lumen-event-41',
    url: '/hosts/1',
    severity: 'critical',
    state: 'firing',
    event_id: 41,
  };
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: rig.url, registrationId: await registration, data: JSON.stringify(payload) });
  const shown = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data })),
    );
  await expect.poll(shown).toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, data: { url: `${rig.url}/hosts/1` } }]);

  // The resolution of the same event replaces it (same tag), not beside it.
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: rig.url,
    registrationId: await registration,
    data: JSON.stringify({ ...payload, title: '[resolved] e2e-host: CPU back to 41 %', state: 'resolved' }),
  });
  await expect.poll(async () => (await shown()).map((n) => n.title)).toEqual(['[resolved] e2e-host: CPU back to 41 %']);
  await cdp.detach();
});
