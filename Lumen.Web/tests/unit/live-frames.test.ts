import { describe, expect, it } from 'vitest';
import { appendPoints, CPU_SERIES_LENGTH, LiveSeries, RESYNC_AFTER_FRAMES } from '../../src/lib/live-frames';
import type { CpuPoint, LiveDelta, LiveSnapshot } from '../../src/lib/protocol';

const T = 1_800_000_000;

/** Points at T + 5 s × i for each i given, with i as the CPU percent. */
function points(...at: number[]): CpuPoint[] {
  return at.map((i) => ({ ts: T + 5 * i, cpu_pct: i }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

function base(hostId: number, cpu: number): Omit<LiveSnapshot, 'cpu_series'> {
  return {
    host_id: hostId,
    host: `host-${hostId}`,
    ts: '2027-01-15T10:00:00Z',
    received_at: '2027-01-15T10:00:00.100Z',
    cpu_pct: cpu,
    ram_pct: 40,
    swap_pct: 0,
    disk_pct: 50,
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    net_rx_bps: 1000,
    net_tx_bps: 500,
    disk_r_bps: 0,
    disk_w_bps: 0,
    temp_c: 45,
    cpu_steal_pct: 0,
    cpu_per_core: [cpu],
    containers: [],
    system: null,
    gpus: [],
    disks: [],
    nics: [],
    filesystems: [],
  };
}

function full(hostId: number, series: CpuPoint[]): LiveSnapshot {
  return { ...base(hostId, series.at(-1)?.cpu_pct ?? 0), cpu_series: series };
}

function delta(hostId: number, afterIndex: number, append: CpuPoint[]): LiveDelta {
  return { ...base(hostId, append.at(-1)?.cpu_pct ?? 0), cpu_append: append, cpu_after_ts: T + 5 * afterIndex };
}

function cpu(snapshot: LiveSnapshot): number[] {
  return snapshot.cpu_series.map((p) => p.cpu_pct);
}

describe('LiveSeries: full entries and deltas', () => {
  it('takes a full entry as it is', () => {
    const series = new LiveSeries();
    const entry = full(1, points(0, 1, 2));

    const frame = series.apply([entry]);

    expect(frame.snapshots).toEqual([entry]);
    expect(frame.gaps).toEqual([]);
    expect(frame.askFull).toBe(false);
  });

  it('appends a delta that follows on from the series held, and hands out a whole snapshot', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0, 1, 2))]);

    const frame = series.apply([delta(1, 2, points(3, 4))]);

    const [host] = frame.snapshots;
    expect(cpu(host)).toEqual([0, 1, 2, 3, 4]);
    expect(host.cpu_pct).toBe(4);
    expect(host).not.toHaveProperty('cpu_append');
    expect(host).not.toHaveProperty('cpu_after_ts');
    expect(frame.gaps).toEqual([]);
    expect(frame.askFull).toBe(false);
  });

  it('keeps the same series array when a delta brings no point, so nothing downstream redraws for it', () => {
    const series = new LiveSeries();
    const [first] = series.apply([full(1, points(0, 1))]).snapshots;

    const [again] = series.apply([delta(1, 1, [])]).snapshots;

    expect(again.cpu_series).toBe(first.cpu_series);
  });

  it('trims a series to the newest 120 points, as the hub’s ring holds', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(...range(0, 119)))]);

    const [host] = series.apply([delta(1, 119, points(120, 121, 122))]).snapshots;

    expect(host.cpu_series).toHaveLength(CPU_SERIES_LENGTH);
    expect(host.cpu_series[0].cpu_pct).toBe(3);
    expect(host.cpu_series.at(-1)?.cpu_pct).toBe(122);
  });

  it('keeps each host apart and forgets a host the frame no longer carries', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0)), full(2, points(0, 1))]);
    series.apply([delta(1, 0, points(1))]);

    // Host 2 left the frame: if it comes back, the hub sends it full; a delta of it is a gap.
    const frame = series.apply([delta(1, 1, points(2)), delta(2, 1, points(2))]);

    expect(cpu(frame.snapshots[0])).toEqual([0, 1, 2]);
    expect(frame.gaps).toEqual([2]);
  });
});

describe('LiveSeries: a missed frame', () => {
  it('sees a gap when a delta follows a point it does not hold, and asks for the full form', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0, 1)), full(2, points(0, 1))]);

    // The frame carrying point 2 was lost (the hub's queue for this tab dropped it).
    const frame = series.apply([delta(1, 2, points(3)), delta(2, 1, points(2))]);

    expect(frame.gaps).toEqual([1]);
    expect(frame.askFull).toBe(true);
    // Only real points, the missed one absent: the sparkline shows a break, never a wrong value.
    expect(cpu(frame.snapshots[0])).toEqual([0, 1, 3]);
    expect(cpu(frame.snapshots[1])).toEqual([0, 1, 2]);
  });

  it('sees a gap in a delta of a host it never had in full', () => {
    const frame = new LiveSeries().apply([delta(7, 4, points(5))]);

    expect(frame.gaps).toEqual([7]);
    expect(frame.askFull).toBe(true);
    expect(cpu(frame.snapshots[0])).toEqual([5]);
  });

  it('asks once while the full form is on its way, again if it does not come, and is whole once it does', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0, 1))]);

    const asked: boolean[] = [];
    asked.push(series.apply([delta(1, 2, points(3))]).askFull); // point 2 missed
    for (let i = 1; i <= RESYNC_AFTER_FRAMES; i++) asked.push(series.apply([delta(1, 5, points(6))]).askFull); // frames of a lost stretch
    const whole = series.apply([full(1, points(0, 1, 2, 3, 4))]);
    const after = series.apply([delta(1, 4, points(5))]);

    expect(asked).toEqual([true, false, false, true]);
    expect(whole.askFull).toBe(false);
    expect(cpu(whole.snapshots[0])).toEqual([0, 1, 2, 3, 4]);
    expect(cpu(after.snapshots[0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.gaps).toEqual([]);
  });

  it('does not ask again right after a subscribe, which brings the full form anyway', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0))]);

    series.askedForFull();

    expect(series.apply([delta(1, 3, points(4))]).askFull).toBe(false);
  });

  it('starts afresh on clear: a new connection’s deltas need its own full entries', () => {
    const series = new LiveSeries();
    series.apply([full(1, points(0))]);

    series.clear();

    expect(series.apply([delta(1, 0, points(1))]).gaps).toEqual([1]);
  });
});

describe('appendPoints', () => {
  it('takes only points newer than the last held, so a repeated point is not doubled', () => {
    expect(appendPoints(points(0, 1), points(1, 2)).map((p) => p.cpu_pct)).toEqual([0, 1, 2]);
  });

  it('appends to nothing', () => {
    expect(appendPoints([], points(0)).map((p) => p.cpu_pct)).toEqual([0]);
  });
});
