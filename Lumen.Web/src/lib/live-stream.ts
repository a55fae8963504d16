// The live stream (GET /api/stream) as a connection that keeps itself up: it reconnects with
// backoff after any close, treats a silent socket as dead, reconnects at once when the browser
// comes back online or the tab becomes visible, and reports its state for the UI to show.
// Besides the snapshot arrays the hub sends every connection an object when an alert fires or
// resolves, whatever its subscription. Snapshot arrays carry each CPU series once and then only
// its new points: LiveSeries makes them whole again, so listeners always get whole snapshots.

import { type AlertStreamFrame, isAlertFrame } from './alerts';
import { LiveSeries } from './live-frames';
import type { LiveSnapshot, LiveStreamEntry } from './protocol';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveStreamOptions {
  /** Host names (or ids) to subscribe to; null for every host. */
  hosts: readonly string[] | null;
  onFrame: (snapshots: LiveSnapshot[]) => void;
  onAlert?: (frame: AlertStreamFrame) => void;
  onState: (state: StreamState, detail: { attempt: number; retryInMs: number | null }) => void;
  /** After a failed connect: resolves false when the session has ended, so retrying is pointless. */
  checkSession?: () => Promise<boolean>;
  url?: string;
  /** No frame for this long and the socket is presumed dead (the hub sends one every stream interval). */
  silenceMs?: number;
}

/** Backoff before reconnect attempt n (1-based): 0.5 s, 1 s, 2 s, 4 s … capped at 15 s, with ±20 % jitter. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * A subscription that names no host: host names start with a letter or digit and ids are
 * digits, so the hub matches nothing and sends empty frames (which keep the connection proven)
 * and the alert frames every connection gets. An empty list would mean every host.
 */
export const NO_HOSTS: readonly string[] = ['-'];

export function streamUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/stream`;
}

export class LiveStream {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private hosts: readonly string[] | null;
  private readonly series = new LiveSeries();

  constructor(private readonly options: LiveStreamOptions) {
    this.hosts = options.hosts;
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.wake);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.wake);
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'page left');
    this.options.onState('stopped', { attempt: 0, retryInMs: null });
  }

  /** Narrows (or widens) the subscription without reconnecting; the hub answers with full snapshots. */
  subscribe(hosts: readonly string[] | null) {
    this.hosts = hosts;
    if (this.sendSubscribe()) this.series.askedForFull();
  }

  private connect() {
    if (this.stopped) return;
    this.clearTimers();
    this.options.onState(this.attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.attempt, retryInMs: null });
    const socket = new WebSocket(this.options.url ?? streamUrl(window.location));
    this.socket = socket;
    // A new connection starts with full snapshots: nothing of the last one's series carries over.
    this.series.clear();
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.sendSubscribe();
      this.armSilence();
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (isAlertFrame(message)) {
        this.armSilence();
        this.options.onAlert?.(message);
        return;
      }
      if (!Array.isArray(message)) return;
      const frame = this.series.apply(message as LiveStreamEntry[]);
      // A delta that does not follow on from the series held: a frame was missed, ask for the full form.
      if (frame.askFull) this.sendSubscribe();
      // A frame, not just an open socket, proves the connection: only now does the backoff reset.
      this.attempt = 0;
      this.options.onState('live', { attempt: 0, retryInMs: null });
      this.armSilence();
      this.options.onFrame(frame.snapshots);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      void this.scheduleRetry(opened);
    };
  }

  private async scheduleRetry(wasOpen: boolean) {
    if (this.stopped) return;
    this.clearTimers();
    this.attempt++;
    // A handshake refused outright may be an ended session: let the app send the user to sign-in.
    if (!wasOpen && this.options.checkSession && !(await this.options.checkSession())) {
      this.stop();
      return;
    }
    if (this.stopped) return;
    const wait = backoffMs(this.attempt);
    this.options.onState('reconnecting', { attempt: this.attempt, retryInMs: wait });
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  /** Every subscribe, even of the same hosts, brings full snapshots in the next frame. */
  private sendSubscribe(): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ type: 'subscribe', hosts: this.hosts ?? ['*'] }));
    return true;
  }

  private armSilence() {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      // Closing fires onclose, which schedules the reconnect.
      this.socket?.close(4000, 'silent');
    }, this.options.silenceMs ?? 35_000);
  }

  private clearTimers() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.retryTimer = this.silenceTimer = null;
  }

  private wake = () => {
    if (document.visibilityState === 'hidden' || this.stopped) return;
    if (this.socket === null) {
      this.attempt = Math.max(this.attempt, 1);
      this.connect();
    }
  };
}
