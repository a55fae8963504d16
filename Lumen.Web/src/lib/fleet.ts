// The overview's model: each host of GET /api/hosts merged with its latest live snapshot,
// online state judged from the hub's receive time, sorting, filtering and the fleet summary.

import type { LiveSnapshot, SystemInfo } from './protocol';
import { silencedUntil } from './silence';

/** A host as GET /api/hosts answers it. */
export interface HostView {
  id: number;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  tags: Record<string, string>;
  system: SystemInfo | null;
  online: boolean;
  /** When the host's silence ends (RFC 3339 UTC); null unless it lasts past now. */
  silenced_until: string | null;
}

export interface HostCard {
  host: HostView;
  live: LiveSnapshot | null;
  online: boolean;
  /** Hub-clock milliseconds of the last frame the hub received, or null if never. */
  lastSeenMs: number | null;
  /** When the host's silence ends (hub-clock ms), or null when it is not silenced now. */
  silencedUntilMs: number | null;
}

/** The hub's rule (docs/api.md): a frame within three agent intervals, and never less than 15 s. */
export function onlineWindowMs(agentIntervalSeconds: number): number {
  return Math.max(15_000, agentIntervalSeconds * 3 * 1000);
}

/**
 * Cards for every host. `hubNowMs` is the hub's clock (the browser's corrected by the offset
 * seen in the hub's Date header), since `received_at` is stamped by the hub, not the agent.
 */
export function buildCards(hosts: HostView[], live: ReadonlyMap<number, LiveSnapshot>, hubNowMs: number, windowMs: number): HostCard[] {
  return hosts.map((host) => {
    const snapshot = live.get(host.id) ?? null;
    const seen = [snapshot?.received_at, host.last_seen_at].filter((t): t is string => !!t).map((t) => Date.parse(t));
    const lastSeenMs = seen.length ? Math.max(...seen) : null;
    const online = lastSeenMs !== null && hubNowMs - lastSeenMs <= windowMs;
    return { host, live: snapshot, online, lastSeenMs, silencedUntilMs: silencedUntil(host, hubNowMs) };
  });
}

export type SortMode = 'hottest' | 'name';

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Hottest first: online hosts before offline ones, then by CPU (temperature breaks ties), then
 * by name; or plainly by name (natural order: node2 before node10).
 */
export function sortCards(cards: HostCard[], mode: SortMode): HostCard[] {
  const sorted = [...cards];
  if (mode === 'name') return sorted.sort((a, b) => byName.compare(a.host.name, b.host.name));
  return sorted.sort((a, b) => {
    if (a.online !== b.online) return a.online ? -1 : 1;
    const cpu = (b.live?.cpu_pct ?? -1) - (a.live?.cpu_pct ?? -1);
    if (cpu !== 0) return cpu;
    const temp = (b.live?.temp_c ?? -1) - (a.live?.temp_c ?? -1);
    if (temp !== 0) return temp;
    return byName.compare(a.host.name, b.host.name);
  });
}

/**
 * Filters by words, all of which must match (case-insensitive): `key=value` or `key:value`
 * matches a tag (the value by substring, `key=` any value); a plain word matches the host's
 * name, a tag key or a tag value by substring.
 */
export function filterCards(cards: HostCard[], query: string): HostCard[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return cards;
  return cards.filter(({ host }) => words.every((word) => matches(host, word)));
}

function matches(host: HostView, word: string): boolean {
  const tags = Object.entries(host.tags).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()] as const);
  const split = word.search(/[=:]/);
  if (split > 0) {
    const key = word.slice(0, split);
    const value = word.slice(split + 1);
    return tags.some(([k, v]) => k === key && v.includes(value));
  }
  return host.name.toLowerCase().includes(word) || tags.some(([k, v]) => k.includes(word) || v.includes(word));
}

export interface FleetSummary {
  total: number;
  online: number;
  hottest: { name: string; id: number; cpuPct: number } | null;
  warmest: { name: string; id: number; tempC: number } | null;
}

/** Hosts online of all, the busiest online host by CPU and the warmest by temperature. */
export function summarise(cards: HostCard[]): FleetSummary {
  let hottest: FleetSummary['hottest'] = null;
  let warmest: FleetSummary['warmest'] = null;
  let online = 0;
  for (const card of cards) {
    if (!card.online) continue;
    online++;
    if (!card.live) continue;
    if (!hottest || card.live.cpu_pct > hottest.cpuPct) hottest = { name: card.host.name, id: card.host.id, cpuPct: card.live.cpu_pct };
    if (card.live.temp_c > 0 && (!warmest || card.live.temp_c > warmest.tempC)) warmest = { name: card.host.name, id: card.host.id, tempC: card.live.temp_c };
  }
  return { total: cards.length, online, hottest, warmest };
}

/** Every distinct tag as `key=value`, for the filter's suggestions. */
export function allTags(hosts: HostView[]): string[] {
  const set = new Set<string>();
  for (const host of hosts) for (const [k, v] of Object.entries(host.tags)) set.add(`${k}=${v}`);
  return [...set].sort(byName.compare);
}

/** Severity of a percentage for colouring: calm under 70, warm to 90, hot beyond. */
export function level(pct: number | null | undefined): 'ok' | 'warn' | 'crit' | 'none' {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return 'none';
  return pct >= 90 ? 'crit' : pct >= 70 ? 'warn' : 'ok';
}

/** Severity of a temperature: calm under 70 °C, warm to 85 °C, hot beyond; 0 means no sensor. */
export function tempLevel(celsius: number | null | undefined): 'ok' | 'warn' | 'crit' | 'none' {
  if (celsius === null || celsius === undefined || !Number.isFinite(celsius) || celsius === 0) return 'none';
  return celsius >= 85 ? 'crit' : celsius >= 70 ? 'warn' : 'ok';
}
