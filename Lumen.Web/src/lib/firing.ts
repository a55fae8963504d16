// The alerts firing now, by event id and summed up per host: loaded with GET
// /api/alerts/events?state=firing and kept current by the stream's alert frames. No React here:
// hooks/use-firing-alerts.ts holds the one store the pages share.
//
// Why a frame can beat the list: the hub announces an event only after writing it, so a list
// fetched after a frame arrived already shows it; but frames that arrive while a fetch is in
// flight may be newer than its answer, so they are kept and applied again on top of it.

import { type AlertEvent, type AlertStreamFrame, type Severity, severityRank, worse } from './alerts';

export type FiringById = ReadonlyMap<number, AlertEvent>;

/** The firing set after one alert frame: a firing event added (or refreshed), a resolved one removed. Unchanged sets come back as they were. */
export function applyAlertFrame(firing: FiringById, frame: AlertStreamFrame): FiringById {
  const { event } = frame;
  if (frame.state === 'resolved' || event.state === 'resolved') {
    if (!firing.has(event.id)) return firing;
    const next = new Map(firing);
    next.delete(event.id);
    return next;
  }
  return new Map(firing).set(event.id, event);
}

/** A fetched list of firing events, with the frames that arrived while it was on its way applied on top. */
export function firingFromList(list: AlertEvent[], framesSince: readonly AlertStreamFrame[] = []): FiringById {
  let firing: FiringById = new Map(list.filter((e) => e.state === 'firing').map((e) => [e.id, e]));
  for (const frame of framesSince) firing = applyAlertFrame(firing, frame);
  return firing;
}

/** One host's firing alerts in short: how many, the worst severity, and how many nobody was told of. */
export interface HostFiring {
  count: number;
  worst: Severity;
  suppressed: number;
}

export function firingByHost(events: Iterable<AlertEvent>): ReadonlyMap<number, HostFiring> {
  const byHost = new Map<number, HostFiring>();
  for (const event of events) {
    const seen = byHost.get(event.host_id);
    const suppressed = event.suppressed ? 1 : 0;
    if (!seen) byHost.set(event.host_id, { count: 1, worst: event.severity, suppressed });
    else byHost.set(event.host_id, { count: seen.count + 1, worst: worse(seen.worst, event.severity), suppressed: seen.suppressed + suppressed });
  }
  return byHost;
}

/** Worst first, then the newest; ties by id so rows never swap between renders. */
export function sortFiring(events: Iterable<AlertEvent>): AlertEvent[] {
  return [...events].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || Date.parse(b.started_at) - Date.parse(a.started_at) || b.id - a.id);
}

/** A host's badge in words, for a screen reader and a tooltip: "2 firing alerts, worst critical (1 suppressed)". */
export function firingSentence(firing: HostFiring): string {
  const alerts = firing.count === 1 ? '1 firing alert' : `${firing.count} firing alerts`;
  const suppressed = firing.suppressed > 0 ? ` (${firing.suppressed} suppressed)` : '';
  return `${alerts}, ${firing.count === 1 ? '' : 'worst '}${firing.worst}${suppressed}`;
}

export interface FiringSnapshot {
  /** Worst first. */
  events: AlertEvent[];
  byHost: ReadonlyMap<number, HostFiring>;
  /** False until the first list arrived. */
  loaded: boolean;
  /** Why the last load failed, while it stays failed. */
  error: string | null;
}

export interface FiringStoreOptions {
  fetchFiring: () => Promise<AlertEvent[]>;
  /** While anyone listens, the list is fetched again this often: a frame dropped for a slow socket is made good. 0 turns it off. */
  resyncMs?: number;
  describeError?: (error: unknown) => string;
}

/**
 * The firing alerts for every page: subscribe (React's useSyncExternalStore shape) and read a
 * snapshot; the live stream hands it alert frames (`apply`) and asks for a fresh list when it
 * (re)connects (`resync`), since frames sent while it was down are lost.
 */
export class FiringStore {
  private firing: FiringById = new Map();
  private snapshot: FiringSnapshot = { events: [], byHost: new Map(), loaded: false, error: null };
  private readonly listeners = new Set<() => void>();
  private readonly frameListeners = new Set<(frame: AlertStreamFrame) => void>();
  /** Frames since the fetch in flight started; null when none is. */
  private inFlight: AlertStreamFrame[] | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: FiringStoreOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      void this.resync();
      const every = this.options.resyncMs ?? 60_000;
      if (every > 0) this.timer = setInterval(() => void this.resync(), every);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  getSnapshot = (): FiringSnapshot => this.snapshot;

  /** Every alert frame, for a page that keeps its own list (the history). */
  onFrame(listener: (frame: AlertStreamFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  apply(frame: AlertStreamFrame) {
    this.inFlight?.push(frame);
    this.set(applyAlertFrame(this.firing, frame), this.snapshot.error);
    for (const listener of this.frameListeners) listener(frame);
  }

  /** Fetches the list again, unless nobody listens (the next subscriber fetches then). A call during a fetch fetches once more after it. */
  async resync(): Promise<void> {
    if (this.listeners.size === 0) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const frames: AlertStreamFrame[] = [];
    this.inFlight = frames;
    try {
      const list = await this.options.fetchFiring();
      this.inFlight = null;
      this.set(firingFromList(list, frames), null, true);
    } catch (error) {
      this.inFlight = null;
      this.set(this.firing, (this.options.describeError ?? String)(error));
    }
    if (this.again) {
      this.again = false;
      await this.resync();
    }
  }

  private set(firing: FiringById, error: string | null, loaded = this.snapshot.loaded) {
    if (firing === this.firing && error === this.snapshot.error && loaded === this.snapshot.loaded) return;
    this.firing = firing;
    this.snapshot = { events: sortFiring(firing.values()), byHost: firingByHost(firing.values()), loaded, error };
    for (const listener of this.listeners) listener();
  }
}
