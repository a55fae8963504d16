import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { Rig } from './support/rig';

// The host page's disks, interfaces and filesystems against the real hub. First a storage
// server whose frames are posted with its token, as an agent would (the last half hour, a frame
// every 30 s, then one every 2 s), so its history has points to draw; then the real agent on
// this machine, which sends them only because the hub's policy lists them.

const shots = resolve(process.env.LUMEN_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), '../../e2e-screenshots'));
const TiB = 2 ** 40;
const ADMIN = { username: 'admin', password: 'correct horse battery' };

test.use({ colorScheme: 'dark' });

let rig: Rig;

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rig = await new Rig({ agentInterval: '2s', streamInterval: '1s' }).start();
  const registered = await fetch(`${rig.url}/api/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(registered.status).toBe(201);
});

/** Each test signs in on its own page, so one runs whether or not the other did. */
async function signIn(page: Page) {
  expect((await page.request.post(`${rig.url}/api/login`, { data: ADMIN })).ok()).toBe(true);
}

test.afterAll(async () => {
  await rig?.dispose();
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(rig.diagnostics());
});

function frame(tsSeconds: number) {
  const wave = (offset: number, amplitude: number) => Math.round((amplitude / 2) * (1 + Math.sin(tsSeconds / 300 + offset)));
  const disks = [
    { name: 'sda', read_bps: wave(0, 40_000_000), write_bps: wave(1, 8_000_000) },
    { name: 'nvme0n1', read_bps: wave(2, 200_000_000), write_bps: wave(3, 50_000_000) },
  ];
  const nics = [{ name: 'eno1', rx_bps: wave(4, 90_000_000), tx_bps: wave(5, 12_000_000) }];
  const media = 2.5 * TiB + wave(6, 2 ** 30);
  return JSON.stringify({
    host: 'storage',
    ts: new Date(tsSeconds * 1000).toISOString(),
    cpu_pct: 12,
    ram_pct: 41,
    swap_pct: 0,
    disk_pct: 40,
    load1: 0.8,
    load5: 0.7,
    load15: 0.6,
    net_rx_bps: nics[0].rx_bps,
    net_tx_bps: nics[0].tx_bps,
    disk_r_bps: disks[0].read_bps + disks[1].read_bps,
    disk_w_bps: disks[0].write_bps + disks[1].write_bps,
    temp_c: 48,
    disks,
    nics,
    filesystems: [
      { mount: '/', device: '/dev/nvme0n1p2', fs_type: 'ext4', used_bytes: 40 * 2 ** 30, total_bytes: 100 * 2 ** 30, used_pct: 42.1 },
      {
        mount: '/srv/media',
        device: '/dev/sda',
        fs_type: 'btrfs',
        used_bytes: media,
        total_bytes: 4 * TiB,
        used_pct: Math.round((media / (4 * TiB)) * 10000) / 100,
      },
    ],
  });
}

test('the host page shows each disk’s and interface’s rates and each filesystem’s use, live and over the range', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const added = await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'storage' } });
  expect(added.status()).toBe(201);
  const { host, token } = (await added.json()) as { host: { id: number }; token: string };
  const post = async (ts: number) => {
    const response = await fetch(`${rig.url}/api/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: frame(ts),
    });
    if (response.status !== 204) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  };

  const now = Math.floor(Date.now() / 1000);
  for (let ts = now - 1800; ts < now; ts += 30) await post(ts);
  let streaming = true;
  const feeder = (async () => {
    while (streaming) {
      await post(Math.floor(Date.now() / 1000));
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();

  try {
    // The hub writes history a batch at a time (every second in the rig): wait until the half
    // hour posted is there, 6 or 7 buckets of 5 minutes, before the page asks for it once.
    const url = `${rig.url}/api/hosts/${host.id}/filesystems/metrics`;
    await expect
      .poll(async () => {
        const answer = (await (await page.request.get(url)).json()) as { filesystems: { points: unknown[] }[] };
        return Math.min(answer.filesystems.length === 2 ? 99 : 0, ...answer.filesystems.map((f) => f.points.length));
      })
      .toBeGreaterThanOrEqual(6);

    await page.goto(`${rig.url}/hosts/${host.id}?range=1h`);

    const disks = page.getByTestId('disks-table');
    await expect(disks.locator('tbody tr')).toHaveCount(2);
    await expect(disks.locator('tr', { hasText: 'nvme0n1' })).toContainText(/MiB\/s/);
    await expect(page.getByTestId('nics-table').locator('tr', { hasText: 'eno1' })).toContainText(/MiB\/s/);

    const media = page.getByTestId('filesystems-table').locator('tr', { hasText: '/srv/media' });
    await expect(media).toContainText('btrfs');
    await expect(media).toContainText('of 4 TiB');
    await expect(media).toContainText(/6\d\.\d %/);

    // Half an hour of 5-minute buckets: 6 or 7 points, the newest growing with each flush.
    for (const sparks of [
      disks.locator('tr', { hasText: 'sda' }).getByTestId('device-sparks'),
      page.getByTestId('nics-table').getByTestId('device-sparks'),
      media.getByTestId('filesystem-spark'),
    ])
      await expect.poll(async () => Number(await sparks.getAttribute('data-points'))).toBeGreaterThanOrEqual(6);
    await expect(media.getByTestId('filesystem-spark').locator('path').last()).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/);

    await page.getByTestId('filesystems-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'host-detail-devices-dark-desktop.png'), fullPage: true });
  } finally {
    streaming = false;
    await feeder;
  }
});

test('the real agent on this machine sends its filesystems to this hub, whose policy lists them', async ({ page }) => {
  await signIn(page);
  const added = await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'this-machine' } });
  expect(added.status()).toBe(201);
  const { host, token } = (await added.json()) as { host: { id: number }; token: string };
  // "/" as an extra path: reported whatever it is here (an overlay in a container is not a disk's).
  await rig.startAgent(token, 'agent', { LUMEN_AGENT_EXTRA_FILESYSTEMS: '/' });

  await page.goto(`${rig.url}/hosts/${host.id}`);

  const root = page
    .getByTestId('filesystems-table')
    .locator('tbody tr')
    .filter({ has: page.getByText('/', { exact: true }) });
  await expect(root).toHaveCount(1);
  await expect(root).toContainText(/ of \d/);
});
