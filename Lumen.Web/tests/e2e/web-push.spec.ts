import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SUBSCRIPTION_KEYS } from '../../src/lib/channels';
import { PushBrowser } from './support/push-browser';
import { Receiver } from './support/receiver';
import { Rig } from './support/rig';

// "Notify this browser" against the real hub and agent. Chromium subscribes only at Google's
// push service, and Debian's build (no Google API keys) refuses every subscription ("Registration
// failed - permission denied"), as it would on a machine without the internet: the first steps
// show what the page says then, and when the permission is refused. The last one plays the push
// service (a receiver on 127.0.0.1, which the hub accepts over http) and the browser's push
// manager (a stand-in subscription with keys this spec holds): the page subscribes with the
// hub's VAPID key, the hub keeps the browser with its label, a real alert reaches the push
// service encrypted for those keys, the spec decrypts it (RFC 8291) and hands it to the real
// service worker, which shows it.
test.describe.configure({ mode: 'serial' });

const CHANNEL = 'Browsers';
let rig: Rig;
let context: BrowserContext;
let page: Page;
const pushService = new Receiver();
const browserKeys = new PushBrowser();

test.beforeAll(async ({ browser }) => {
  await pushService.start();
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  context = await browser.newContext({ baseURL: rig.url });
  await context.grantPermissions(['notifications']);
  page = await context.newPage();
  expect((await page.request.post('/api/register', { data: { username: 'admin', password: 'correct horse battery' } })).ok()).toBe(true);
  const added = await (await page.request.post('/api/hosts', { data: { name: 'e2e-host' } })).json();
  await rig.startAgent(added.token);
});

test.afterAll(async () => {
  await context?.close();
  await rig?.dispose();
  await pushService.stop();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

const devices = (p: Page) =>
  p
    .getByTestId('channel')
    .filter({ has: p.getByText(CHANNEL, { exact: true }) })
    .getByTestId('web-push-devices');

/** A signed-in page of another context of the same browser, with the admin's session. */
async function pageIn(browser: Browser, grant: boolean, init?: (p: Page) => Promise<unknown>): Promise<{ ctx: BrowserContext; p: Page }> {
  const ctx = await browser.newContext({ baseURL: rig.url });
  if (grant) await ctx.grantPermissions(['notifications']);
  await ctx.addCookies(await context.cookies());
  const p = await ctx.newPage();
  await init?.(p);
  await p.goto('/settings');
  // The worker must be running before a subscription can be asked of it.
  await p.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  return { ctx, p };
}

test('a web push channel shows its browsers, none at first', async () => {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Add channel' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption('web_push');
  await expect(dialog.getByTestId('channel-about')).toContainText('Notify this browser');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(CHANNEL);
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog).toBeHidden();
  await expect(devices(page)).toContainText('Browsers (0)');
  await expect(devices(page)).toContainText('No browser is subscribed yet');
  // 127.0.0.1 is a secure context: nothing says push is unavailable.
  await expect(devices(page).getByTestId('push-unavailable')).toHaveCount(0);
});

test('Notify this browser fetches the hub’s key and asks the browser to subscribe; this Chromium refuses, and the page says so', async () => {
  await page.reload();
  await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  const key = page.waitForResponse((r) => r.url().endsWith('/api/alerts/web-push/vapid-public-key') && r.status() === 200);
  await devices(page).getByRole('button', { name: 'Notify this browser' }).click();
  await key;
  await expect(devices(page).getByRole('alert')).toContainText('The browser could not subscribe at its push service', { timeout: 60_000 });
  await expect(devices(page)).toContainText('Browsers (0)');
});

test('with notifications refused, the page says so and asks the hub for nothing', async ({ browser }) => {
  const { ctx, p } = await pageIn(browser, false);
  try {
    let asked = false;
    p.on('request', (r) => {
      // Not for the key, not to subscribe (the list of browsers is read with the page).
      if (/\/web-push\/(vapid-public-key|subscribe)$/.test(new URL(r.url()).pathname)) asked = true;
    });
    await devices(p).getByRole('button', { name: 'Notify this browser' }).click();
    await expect(devices(p).getByRole('alert')).toContainText(/Notifications (are blocked|were not allowed)/);
    expect(asked).toBe(false);
  } finally {
    await ctx.close();
  }
});

test('subscribed through a stand-in push service: kept with its label, an alert arrives encrypted for it, and the worker shows it', async ({ browser }) => {
  const endpoint = `${pushService.url}/push/e2e-browser`;
  const { ctx, p } = await pageIn(browser, true, (q) =>
    q.addInitScript(
      ({ endpoint, keys }) => {
        // The browser's push manager, standing in for its vendor's push service: the subscription it would make.
        const given: number[][] = [];
        let subscription: object | null = null;
        Object.assign(window, { pushStub: { given } });
        PushManager.prototype.getSubscription = async () => subscription as PushSubscription | null;
        PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
          const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
          given.push([...key]);
          subscription = {
            endpoint,
            options: { applicationServerKey: key.buffer, userVisibleOnly: true },
            toJSON: () => ({ endpoint, keys }),
            unsubscribe: async () => true,
          };
          return subscription as PushSubscription;
        };
      },
      { endpoint, keys: browserKeys.keys },
    ),
  );
  try {
    await devices(p).getByRole('button', { name: 'Notify this browser' }).click();
    await expect(devices(p).getByRole('status')).toHaveText('This browser gets this channel’s alerts now, even with the dashboard closed.');
    const row = devices(p).getByTestId('web-push-subscription');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-label', 'Chrome on Linux');
    await expect(row).toContainText('this browser');
    await expect(row).toContainText(`127.0.0.1:${pushService.port}`);

    // It subscribed with the hub's VAPID key; the hub kept the endpoint and the label.
    const { public_key } = await (await p.request.get('/api/alerts/web-push/vapid-public-key')).json();
    const given = await p.evaluate(() => (window as unknown as { pushStub: { given: number[][] } }).pushStub.given);
    expect(given).toEqual([[...Buffer.from(public_key, 'base64url')]]);
    const channels = await (await p.request.get('/api/alerts/channels')).json();
    const channel = channels.find((c: { name: string }) => c.name === CHANNEL);
    const stored = await (await p.request.get(`/api/alerts/channels/${channel.id}/web-push/subscriptions`)).json();
    expect(Object.keys(stored[0]).sort()).toEqual([...SUBSCRIPTION_KEYS].sort());
    expect(stored[0]).toMatchObject({ channel_id: channel.id, endpoint, label: 'Chrome on Linux' });

    // A real alert (memory above 1 %, at once) to this channel alone.
    const rule = await p.request.post('/api/alerts/rules', {
      data: {
        name: 'Memory above 1 % (push)',
        metric: 'ram_pct',
        comparator: 'gt',
        threshold: 1,
        for_seconds: 0,
        cooldown_seconds: 0,
        host: 'e2e-host',
        host_selector: '',
        container: '',
        severity: 'critical',
        enabled: true,
        channel_ids: [channel.id],
      },
    });
    expect(rule.status()).toBe(201);
    await expect.poll(() => pushService.at('/push/e2e-browser').length, { timeout: 45_000 }).toBeGreaterThan(0);
    const [push] = pushService.at('/push/e2e-browser');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.authorization).toContain(`k=${public_key}`);
    const payload = JSON.parse(browserKeys.decrypt(push.raw));
    expect(payload).toMatchObject({ severity: 'critical', state: 'firing', url: expect.stringMatching(/^\/hosts\/\d+$/) });
    expect(payload.title).toContain('e2e-host');
    expect(payload.tag).toBe(`lumen-event-${payload.event_id}`);

    // What the browser would do with it: the worker shows it.
    const cdp = await ctx.newCDPSession(p);
    const registration = new Promise<string>((ok) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${rig.url}/`);
        if (live) ok(live.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: rig.url, registrationId: await registration, data: JSON.stringify(payload) });
    await expect
      .poll(() =>
        p.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, tag: n.tag, body: n.body }))),
      )
      .toEqual([{ title: payload.title, tag: payload.tag, body: payload.body }]);

    // Removed, the browser is gone from the hub too.
    await devices(p).getByRole('button', { name: 'Remove Chrome on Linux' }).click();
    await expect(row).toHaveCount(0);
    expect(await (await p.request.get(`/api/alerts/channels/${channel.id}/web-push/subscriptions`)).json()).toEqual([]);
  } finally {
    await ctx.close();
  }
});
