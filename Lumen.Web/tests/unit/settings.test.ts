import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/lib/api';
import { agentYaml, installCommand } from '../../src/lib/install';
import {
  SETTING_GROUPS,
  SETTING_RULES,
  boundsText,
  checkSetting,
  newPasswordProblem,
  refusalField,
  settingChanges,
  settingsDiffer,
} from '../../src/lib/settings-rules';
import { parseTags, tagsToText } from '../../src/lib/tags';
import { defaultDirection, memoryShare, sortContainers } from '../../src/lib/containers';
import { keepLiveRaw, resolveRange } from '../../src/lib/ranges';
import { backoffMs, streamUrl } from '../../src/lib/live-stream';
import { matchRoute } from '../../src/lib/router';
import type { ContainerSample } from '../../src/lib/protocol';

describe('settings bounds', () => {
  it('accepts values within bounds, normalised for the hub', () => {
    expect(checkSetting(SETTING_RULES.agent_interval, '2s')).toEqual({ value: '2s' });
    expect(checkSetting(SETTING_RULES.retention_window, '7d')).toEqual({ value: '168h' });
    expect(checkSetting(SETTING_RULES.retention_window, '0')).toEqual({ value: '0' });
  });
  it('names the bounds when a value is outside them', () => {
    expect(checkSetting(SETTING_RULES.agent_interval, '1s')).toEqual({ error: 'Must be 2 s to 1 h.' });
    expect(checkSetting(SETTING_RULES.agent_interval, '0')).toEqual({ error: 'Must be 2 s to 1 h.' });
    expect(checkSetting(SETTING_RULES.downsample_archive_window, '3651d')).toEqual({ error: 'Must be 1 d to 3650 d (10 years).' });
    expect(checkSetting(SETTING_RULES.retention_interval, 'soon')).toHaveProperty('error');
  });
  it('explains what 0 means where it is allowed', () => {
    expect(boundsText(SETTING_RULES.retention_window)).toBe('5 min to 365 d, or 0 to keep forever');
  });
  it('keeps buckets for up to ten years, as the hub does', () => {
    expect(checkSetting(SETTING_RULES.downsample_archive_window, '3650d')).toEqual({ value: '87600h' });
    expect(checkSetting(SETTING_RULES.downsample_archive_window, '23h')).toEqual({ error: 'Must be 1 d to 3650 d (10 years).' });
  });
  it('takes a bucket size in whole minutes only, as the hub does', () => {
    expect(checkSetting(SETTING_RULES.downsample_bucket_size, '15m')).toEqual({ value: '15m' });
    expect(checkSetting(SETTING_RULES.downsample_bucket_size, '90s')).toEqual({ error: 'Must be whole minutes, such as 5m or 1h.' });
    expect(checkSetting(SETTING_RULES.downsample_bucket_size, '30s')).toEqual({ error: 'Must be 1 min to 1 d.' });
  });
});

describe('saving settings', () => {
  const saved: Settings = {
    agent_interval: '5s',
    // As the hub answers: the hot window is the retention window under its other name.
    retention_window: '24h',
    retention_interval: '1h',
    downsample_bucket_size: '5m',
    downsample_hot_window: '24h',
    downsample_archive_window: '8760h',
    retention_alerts_window: '720h',
    processes_enabled: false,
    processes_top_n: 10,
    processes_sort_by: 'cpu',
    processes_redact_regex: '',
  };

  it('groups every setting once, the hot window as the retention window it is another name of', () => {
    expect(SETTING_GROUPS.flatMap((g) => g.keys).sort()).toEqual(Object.keys(SETTING_RULES).sort());
    expect(Object.keys(SETTING_RULES)).not.toContain('downsample_hot_window');
    expect(SETTING_RULES.retention_window.help).toContain('downsample_hot_window');
  });
  it('never sends the hot window: changing retention sends retention alone, so the two cannot disagree', () => {
    const draft = { ...saved, retention_window: '48h', downsample_hot_window: '1h' };
    expect(settingChanges(saved, draft)).toEqual({ changes: { retention_window: '48h' }, problems: {} });
    expect(settingsDiffer(saved, { ...saved, downsample_hot_window: '1h' })).toBe(false);
  });
  it('sends only what changed, normalised', () => {
    const draft = { ...saved, retention_window: '7d' };
    expect(settingsDiffer(saved, draft)).toBe(true);
    expect(settingChanges(saved, draft)).toEqual({ changes: { retention_window: '168h' }, problems: {} });
  });
  it('names each field out of bounds and sends nothing for it', () => {
    const draft = { ...saved, agent_interval: '1s', downsample_archive_window: 'soon' };
    const { changes, problems } = settingChanges(saved, draft);
    expect(changes).toEqual({});
    expect(problems).toEqual({ agent_interval: 'Must be 2 s to 1 h.', downsample_archive_window: 'Use a duration such as 30s, 5m, 12h or 7d.' });
  });
  it('has nothing to send for an unchanged draft', () => {
    expect(settingsDiffer(saved, { ...saved })).toBe(false);
    expect(settingChanges(saved, { ...saved })).toEqual({ changes: {}, problems: {} });
  });
  it('places the hub’s refusal at the setting its message names first', () => {
    // The hub's words (Lumen.Hub/Settings): the rule between two settings, and a second name.
    expect(
      refusalField(
        'retention_window (48h) must not be longer than downsample_archive_window (24h): buckets are kept at least as long as the raw rows they summarise',
      ),
    ).toBe('retention_window');
    expect(refusalField('downsample_bucket_size must be a whole number of minutes (got 1m30s)')).toBe('downsample_bucket_size');
    expect(refusalField('downsample_hot_window is another name of retention_window, and the two were given different values')).toBe('retention_window');
    expect(refusalField("'fan_speed' is not a setting")).toBeNull();
  });
});

describe('account', () => {
  it('wants the new password twice alike and at least 8 characters long', () => {
    expect(newPasswordProblem('correct horse', 'correct horse')).toBeNull();
    expect(newPasswordProblem('correct horse', 'correct house')).toBe('The two new passwords differ.');
    expect(newPasswordProblem('short', 'short')).toBe('The new password needs at least 8 characters.');
  });
});

describe('agent install', () => {
  it('gives the one-liner and agent.yaml for this hub and token', () => {
    expect(installCommand('https://hub.home', 'lum_ab')).toBe('curl -fsSL https://hub.home/install.sh | sudo bash -s -- --token lum_ab');
    expect(agentYaml('https://hub.home', 'lum_ab')).toBe('# /etc/lumen/agent.yaml\nhub_url: https://hub.home\ntoken: lum_ab\n');
  });
});

describe('tags', () => {
  it('round-trips key=value text', () => {
    const parsed = parseTags(' env=home , role = nas ');
    expect(parsed).toEqual({ tags: { env: 'home', role: 'nas' } });
    expect(tagsToText({ env: 'home', role: 'nas' })).toBe('env=home, role=nas');
    expect(parseTags('')).toEqual({ tags: {} });
  });
  it('refuses what the hub would refuse', () => {
    expect(parseTags('home')).toHaveProperty('error');
    expect(parseTags('my key=x')).toHaveProperty('error');
    expect(parseTags('a=1, a=2')).toHaveProperty('error');
    expect(parseTags(`a=${'x'.repeat(129)}`)).toHaveProperty('error');
  });
});

describe('containers', () => {
  const c = (name: string, cpu: number, mem: number, limit = 0, image = 'img'): ContainerSample => ({
    id: name,
    name,
    image,
    state: 'running',
    cpu_pct: cpu,
    mem_used_bytes: mem,
    mem_limit_bytes: limit,
    mem_pct: 0,
  });
  const list = [c('web', 5, 300), c('db', 50, 900), c('cache', 5, 100)];
  it('sorts by a number, ties by name', () => {
    expect(sortContainers(list, 'cpu_pct', 'desc').map((x) => x.name)).toEqual(['db', 'cache', 'web']);
    expect(sortContainers(list, 'mem_used_bytes', 'asc').map((x) => x.name)).toEqual(['cache', 'web', 'db']);
  });
  it('sorts by text', () => {
    expect(sortContainers(list, 'name', 'asc').map((x) => x.name)).toEqual(['cache', 'db', 'web']);
    expect(defaultDirection('name')).toBe('asc');
    expect(defaultDirection('cpu_pct')).toBe('desc');
  });
  it('shows memory of the limit only when there is one', () => {
    expect(memoryShare(c('x', 0, 512, 1024))).toBe(50);
    expect(memoryShare(c('x', 0, 512, 0))).toBeNull();
  });
});

describe('ranges', () => {
  const now = 1_800_000_000;
  it('ends presets now and keeps them live', () => {
    expect(resolveRange('1h', null, now, 86400)).toEqual({ from: now - 3600, to: now, live: true, clamped: false });
  });
  it('clamps to the archive window', () => {
    const r = resolveRange('90d', null, now, 30 * 86400);
    expect(r.clamped).toBe(true);
    expect(now - r.from).toBeLessThanOrEqual(30 * 86400);
  });
  it('does not clamp while the archive window is not known', () => {
    expect(resolveRange('7d', null, now, 0).from).toBe(now - 7 * 86400);
  });
  it('treats a custom range in the past as fixed', () => {
    const r = resolveRange('custom', { from: now - 7200, to: now - 3600 }, now, 0);
    expect(r).toMatchObject({ from: now - 7200, to: now - 3600, live: false });
  });
  it('keeps live samples raw unless a bucket spans two of them', () => {
    expect(keepLiveRaw(5, 5)).toBe(true);
    expect(keepLiveRaw(30, 5)).toBe(false);
    expect(keepLiveRaw(30, null)).toBe(true);
  });
});

describe('live stream', () => {
  it('backs off exponentially to 15 s with jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(20, () => 0.5)).toBe(15000);
    expect(backoffMs(20, () => 1)).toBe(18000);
    expect(backoffMs(20, () => 0)).toBe(12000);
  });
  it('uses wss under https', () => {
    expect(streamUrl({ protocol: 'https:', host: 'hub.lan' })).toBe('wss://hub.lan/api/stream');
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:8090' })).toBe('ws://127.0.0.1:8090/api/stream');
  });
});

describe('routes', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'overview' });
    expect(matchRoute('/hosts/3')).toEqual({ page: 'host', id: 3 });
    expect(matchRoute('/hosts/3/')).toEqual({ page: 'host', id: 3 });
    expect(matchRoute('/settings')).toEqual({ page: 'settings' });
    expect(matchRoute('/alerts')).toEqual({ page: 'alerts' });
    expect(matchRoute('/alerts/deliveries')).toEqual({ page: 'deliveries' });
    expect(matchRoute('/alerts/deliveries/')).toEqual({ page: 'deliveries' });
    expect(matchRoute('/nope')).toEqual({ page: 'not-found', path: '/nope' });
  });
});
