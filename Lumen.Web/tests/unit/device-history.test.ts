import { describe, expect, it } from 'vitest';
import {
  type DiskMetrics,
  diskSparks,
  type FilesystemMetrics,
  filesystemSparks,
  MIN_RATE_SCALE,
  type NicMetrics,
  nicSparks,
} from '../../src/lib/device-history';

const base = 1_800_000_000; // unix seconds on a 5-minute boundary
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const window = { host: 'nas', from: iso(base), to: iso(base + 3600), step_seconds: 300 };

describe('device history', () => {
  it('draws a disk’s read and write on one scale, its busier direction’s peak, with a gap for a missing bucket', () => {
    const metrics: DiskMetrics = {
      ...window,
      disks: [
        {
          name: 'sda',
          points: [
            { ts: iso(base), read_bps: 4096, write_bps: 1_000_000, samples: 60 },
            { ts: iso(base + 900), read_bps: 8192, write_bps: 0, samples: 60 },
          ],
        },
      ],
    };

    const sda = diskSparks(metrics).get('sda')!;

    expect(sda.max).toBe(1_000_000);
    expect(sda.in).toEqual([
      [base, base + 300, base + 900],
      [4096, null, 8192],
    ]);
    expect(sda.out[1]).toEqual([1_000_000, null, 0]);
  });

  it('keeps an idle interface’s scale at 1 KiB/s so noise stays a flat line', () => {
    const metrics: NicMetrics = { ...window, nics: [{ name: 'eno1', points: [{ ts: iso(base), rx_bps: 12, tx_bps: 3, samples: 60 }] }] };

    expect(nicSparks(metrics).get('eno1')!.max).toBe(MIN_RATE_SCALE);
  });

  it('draws each filesystem’s share used by mount point', () => {
    const metrics: FilesystemMetrics = {
      ...window,
      filesystems: [
        {
          mount: '/srv/media',
          device: '/dev/sdb',
          points: [
            { ts: iso(base), used_bytes: 1, total_bytes: 2, used_pct: 50, samples: 60 },
            { ts: iso(base + 300), used_bytes: 1, total_bytes: 2, used_pct: 51.5, samples: 60 },
          ],
        },
      ],
    };

    expect(filesystemSparks(metrics).get('/srv/media')).toEqual([
      [base, base + 300],
      [50, 51.5],
    ]);
  });
});
