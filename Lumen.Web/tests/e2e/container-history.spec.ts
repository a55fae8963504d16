import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Rig } from './support/rig';

// The host page's container and GPU history against the real hub. The rig's agent has no
// Docker, so this host's frames are posted to /api/ingest with its token, as an agent would:
// the last half hour (two containers and a GPU, a frame every 30 s), then a frame every 2 s so
// the page has a live host whose containers the table lists.

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

function frame(tsSeconds: number) {
  const wave = (offset: number, amplitude: number) => Math.round((amplitude / 2) * (1 + Math.sin(tsSeconds / 300 + offset)) * 10) / 10;
  const container = (id: string, name: string, image: string, cpu: number, memMiB: number) => ({
    id,
    name,
    image,
    state: 'running',
    cpu_pct: cpu,
    mem_used_bytes: Math.round(memMiB * 1_048_576),
    mem_limit_bytes: 4096 * 1_048_576,
    mem_pct: Math.round((memMiB / 4096) * 1000) / 10,
  });
  return JSON.stringify({
    host: 'media',
    ts: new Date(tsSeconds * 1000).toISOString(),
    cpu_pct: wave(0, 80),
    ram_pct: 41,
    swap_pct: 0,
    disk_pct: 63,
    load1: 0.8,
    load5: 0.7,
    load15: 0.6,
    net_rx_bps: 120000,
    net_tx_bps: 40000,
    disk_r_bps: 0,
    disk_w_bps: 8192,
    temp_c: 48,
    containers: [
      container('a1b2c3d4e5f6', 'jellyfin', 'jellyfin/jellyfin:10.9', wave(1, 160), 900 + wave(2, 300)),
      container('0f1e2d3c4b5a', 'pihole', 'pihole/pihole:2024.07.0', wave(3, 4), 60),
    ],
    gpus: [{ index: 0, name: 'Intel UHD Graphics 630', util_pct: wave(4, 70), mem_used_mb: 256 + wave(5, 512), mem_total_mb: 1024, temp_c: 45 + wave(6, 20) }],
  });
}

test('the containers table draws each container’s CPU and memory over the range, and a GPU gets its charts', async ({ page }) => {
  test.setTimeout(120_000);
  expect((await page.request.post(`${rig.url}/api/register`, { data: { username: 'admin', password: 'correct horse battery' } })).status()).toBe(201);
  const added = await page.request.post(`${rig.url}/api/hosts`, { data: { name: 'media' } });
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
    // The hub writes history a batch at a time (every second in the rig): wait until it has.
    const url = `${rig.url}/api/hosts/${host.id}/containers/metrics`;
    await expect.poll(async () => ((await (await page.request.get(url)).json()) as { containers: unknown[] }).containers.length).toBe(2);

    const history = page.waitForResponse((r) => r.url().includes(`/api/hosts/${host.id}/containers/metrics`));
    await page.goto(`${rig.url}/hosts/${host.id}?range=1h`);
    const answer = await history;
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { step_seconds: number; containers: { name: string; points: unknown[] }[] };
    expect(body.step_seconds % 300).toBe(0);
    expect(body.containers.map((c) => c.name)).toEqual(['jellyfin', 'pihole']);

    const row = page.getByTestId('containers-table').locator('tr', { hasText: 'jellyfin' });
    const sparks = row.getByTestId('container-sparks');
    // Half an hour of 5-minute buckets: 6 or 7 points, the newest growing with each flush.
    await expect.poll(async () => Number(await sparks.getAttribute('data-points'))).toBeGreaterThanOrEqual(6);
    for (const which of ['cpu', 'mem']) {
      const line = row.getByTestId(`container-spark-${which}`).locator('path').last();
      await expect(line).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/);
    }
    await expect(row.getByTestId('container-spark-cpu')).toHaveAttribute('title', /^CPU, up to \d/);

    await expect(page.getByTestId('chart-gpu-0')).toContainText('GPU 0 · Intel UHD Graphics 630');
    await expect(page.getByTestId('chart-gpu-0').locator('canvas')).toBeAttached();
    await expect.poll(async () => Number(await page.getByTestId('chart-gpu-0').getAttribute('data-points'))).toBeGreaterThanOrEqual(6);
    await expect(page.getByTestId('chart-gpu-temperature').locator('canvas')).toBeAttached();

    await page.getByTestId('containers-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'host-detail-containers-dark-desktop.png'), fullPage: true });
  } finally {
    streaming = false;
    await feeder;
  }
});
