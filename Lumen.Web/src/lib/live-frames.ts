// The live stream's frames made whole again. The hub sends each host's CPU series once (a full
// entry: on a connection's first frame, for a host it has not sent before, after a subscribe, and
// after the connection's queue lost a frame) and then only the points it gained (a delta entry:
// `cpu_append`, following the point at `cpu_after_ts`). A delta that does not follow on from the
// series held means a frame was missed: its points are appended all the same (the series is
// then short of the missed points, which the sparkline shows as a break, never as wrong values)
// and the hub is asked for the full form, by sending the subscription again.

import type { CpuPoint, LiveSnapshot, LiveStreamEntry } from './protocol';

/** Points a series keeps, as the hub's ring does (CpuRing.Capacity). */
export const CPU_SERIES_LENGTH = 120;

/** Frames to wait for the full form after asking before asking again (a request crossing a loss, say). */
export const RESYNC_AFTER_FRAMES = 3;

export interface AppliedFrame {
  /** Every host of the frame, its series whole. */
  snapshots: LiveSnapshot[];
  /** Host ids whose delta did not follow on from the series held. */
  gaps: number[];
  /** Whether to ask the hub for the full form now (at most once per RESYNC_AFTER_FRAMES frames while one is awaited). */
  askFull: boolean;
}

/** The newest `CPU_SERIES_LENGTH` of `held` followed by the points of `append` newer than its last. */
export function appendPoints(held: readonly CpuPoint[], append: readonly CpuPoint[]): CpuPoint[] {
  const last = held.length > 0 ? held[held.length - 1].ts : -Infinity;
  let from = 0;
  while (from < append.length && append[from].ts <= last) from++;
  if (from === append.length) return held as CpuPoint[];
  const joined = held.concat(append.slice(from));
  return joined.length > CPU_SERIES_LENGTH ? joined.slice(joined.length - CPU_SERIES_LENGTH) : joined;
}

/** One connection's view of every host's CPU series; start a new one (or `clear`) for a new connection. */
export class LiveSeries {
  private series = new Map<number, CpuPoint[]>();
  /** Frames since the full form was asked for; null when none is awaited. */
  private sinceAsked: number | null = null;

  /** Takes one frame: whole snapshots to show, and whether to ask for the full form. */
  apply(entries: readonly LiveStreamEntry[]): AppliedFrame {
    const next = new Map<number, CpuPoint[]>();
    const snapshots: LiveSnapshot[] = [];
    const gaps: number[] = [];
    let full = true;
    for (const entry of entries) {
      let snapshot: LiveSnapshot;
      if ('cpu_series' in entry && Array.isArray(entry.cpu_series)) {
        snapshot = entry;
      } else if ('cpu_append' in entry && Array.isArray(entry.cpu_append)) {
        full = false;
        const { cpu_append, cpu_after_ts, ...rest } = entry;
        const held = this.series.get(entry.host_id);
        if (!held || held.length === 0 || held[held.length - 1].ts !== cpu_after_ts) gaps.push(entry.host_id);
        snapshot = { ...rest, cpu_series: appendPoints(held ?? [], cpu_append) };
      } else {
        // Neither form (a hub that sends something else): keep what is held.
        snapshot = { ...(entry as LiveSnapshot), cpu_series: this.series.get(entry.host_id) ?? [] };
      }
      // A host missing from a frame comes back full (the hub only sends deltas of hosts in the
      // frame before), so only this frame's hosts need keeping.
      next.set(snapshot.host_id, snapshot.cpu_series);
      snapshots.push(snapshot);
    }
    this.series = next;
    return { snapshots, gaps, askFull: this.resync(full, gaps.length > 0) };
  }

  /** A subscribe went out for another reason (a new subscription): it brings the full form too. */
  askedForFull() {
    this.sinceAsked = 0;
  }

  clear() {
    this.series = new Map();
    this.sinceAsked = null;
  }

  private resync(full: boolean, gap: boolean): boolean {
    if (full) {
      this.sinceAsked = null;
      return false;
    }
    if (this.sinceAsked !== null) this.sinceAsked++;
    if (!gap || (this.sinceAsked !== null && this.sinceAsked < RESYNC_AFTER_FRAMES)) return false;
    this.sinceAsked = 0;
    return true;
  }
}
