import { describe, expect, it } from 'vitest';
import { allTags, buildCards, filterCards, onlineWindowMs, sortCards, summarise, type HostView } from '../../src/lib/fleet';
import type { LiveSnapshot } from '../../src/lib/protocol';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function host(id: number, name: string, tags: Record<string, string> = {}, lastSeen: string | null = null): HostView {
  return { id, name, created_at: '2026-11-01T00:00:00Z', last_seen_at: lastSeen, tags, system: null, online: false, silenced_until: null };
}

function snapshot(id: number, name: string, cpu: number, receivedAgoSeconds: number, temp = 40): LiveSnapshot {
  const receivedAt = new Date(NOW - receivedAgoSeconds * 1000).toISOString();
  return {
    host_id: id,
    host: name,
    // An agent clock far off: online must not depend on it.
    ts: '2001-01-01T00:00:00Z',
    received_at: receivedAt,
    cpu_pct: cpu,
    ram_pct: 10,
    swap_pct: 0,
    disk_pct: 20,
    load1: 0,
    load5: 0,
    load15: 0,
    net_rx_bps: 0,
    net_tx_bps: 0,
    disk_r_bps: 0,
    disk_w_bps: 0,
    temp_c: temp,
    cpu_steal_pct: 0,
    cpu_series: [],
    cpu_per_core: [],
    containers: [],
    system: null,
    gpus: [],
    disks: [],
    nics: [],
    filesystems: [],
  };
}

describe('online state', () => {
  it('follows the hub rule: three intervals, at least 15 s', () => {
    expect(onlineWindowMs(2)).toBe(15_000);
    expect(onlineWindowMs(5)).toBe(15_000);
    expect(onlineWindowMs(10)).toBe(30_000);
  });

  it('is judged from received_at, never from the agent ts', () => {
    const live = new Map([
      [1, snapshot(1, 'fresh', 10, 3)],
      [2, snapshot(2, 'stale', 10, 60)],
    ]);
    const cards = buildCards([host(1, 'fresh'), host(2, 'stale'), host(3, 'never')], live, NOW, 15_000);
    expect(cards.map((c) => c.online)).toEqual([true, false, false]);
    expect(cards[2].lastSeenMs).toBeNull();
  });

  it('falls back to last_seen_at before any live frame', () => {
    const cards = buildCards([host(1, 'a', {}, new Date(NOW - 5000).toISOString())], new Map(), NOW, 15_000);
    expect(cards[0].online).toBe(true);
  });
});

describe('silence', () => {
  it('marks a card silenced while its silence lasts past the hub’s now, and not after', () => {
    const until = new Date(NOW + 3600_000).toISOString();
    const silenced = { ...host(1, 'nas'), silenced_until: until };
    expect(buildCards([silenced, host(2, 'pi')], new Map(), NOW, 15_000).map((c) => c.silencedUntilMs)).toEqual([NOW + 3600_000, null]);
    expect(buildCards([silenced], new Map(), NOW + 3600_000, 15_000)[0].silencedUntilMs).toBeNull();
  });
});

describe('sorting', () => {
  const hosts = [host(1, 'node10'), host(2, 'node2'), host(3, 'alpha'), host(4, 'offline-hot')];
  const live = new Map([
    [1, snapshot(1, 'node10', 20, 1)],
    [2, snapshot(2, 'node2', 80, 1)],
    [3, snapshot(3, 'alpha', 20, 1, 70)],
    [4, snapshot(4, 'offline-hot', 99, 600)],
  ]);
  const cards = buildCards(hosts, live, NOW, 15_000);

  it('puts the busiest online host first, temperature breaking ties, offline last', () => {
    expect(sortCards(cards, 'hottest').map((c) => c.host.name)).toEqual(['node2', 'alpha', 'node10', 'offline-hot']);
  });

  it('sorts by name naturally (node2 before node10)', () => {
    expect(sortCards(cards, 'name').map((c) => c.host.name)).toEqual(['alpha', 'node2', 'node10', 'offline-hot']);
  });

  it('does not change its input', () => {
    const before = cards.map((c) => c.host.id);
    sortCards(cards, 'name');
    expect(cards.map((c) => c.host.id)).toEqual(before);
  });
});

describe('filtering', () => {
  const cards = buildCards(
    [host(1, 'nas', { env: 'home', role: 'storage' }), host(2, 'pi-kitchen', { env: 'home' }), host(3, 'vps', { env: 'cloud' })],
    new Map(),
    NOW,
    15_000,
  );
  const names = (q: string) => filterCards(cards, q).map((c) => c.host.name);

  it('matches the name by substring, any case', () => {
    expect(names('KIT')).toEqual(['pi-kitchen']);
  });
  it('matches key=value and key:value tags', () => {
    expect(names('env=home')).toEqual(['nas', 'pi-kitchen']);
    expect(names('env:cloud')).toEqual(['vps']);
    expect(names('role=')).toEqual(['nas']);
  });
  it('matches a bare word against tag values too', () => {
    expect(names('storage')).toEqual(['nas']);
  });
  it('needs every word to match', () => {
    expect(names('env=home pi')).toEqual(['pi-kitchen']);
    expect(names('env=home vps')).toEqual([]);
  });
  it('shows all for an empty query', () => {
    expect(names('  ')).toHaveLength(3);
  });
  it('lists every tag for suggestions', () => {
    expect(allTags(cards.map((c) => c.host))).toEqual(['env=cloud', 'env=home', 'role=storage']);
  });
});

describe('summary', () => {
  it('counts hosts online and names the busiest and the hottest', () => {
    const cards = buildCards(
      [host(1, 'a'), host(2, 'b'), host(3, 'c')],
      new Map([
        [1, snapshot(1, 'a', 30, 1, 71)],
        [2, snapshot(2, 'b', 60, 1, 0)],
        [3, snapshot(3, 'c', 99, 120, 90)],
      ]),
      NOW,
      15_000,
    );
    const summary = summarise(cards);
    expect(summary.online).toBe(2);
    expect(summary.total).toBe(3);
    expect(summary.hottest).toEqual({ name: 'b', id: 2, cpuPct: 60 });
    // b has no sensor (0 °C); c is offline.
    expect(summary.warmest).toEqual({ name: 'a', id: 1, tempC: 71 });
  });
});
