import { describe, expect, it } from 'vitest';
import { addTag, knownTags, suggestTags } from '../../src/lib/tag-suggestions';

const facets = [
  { key: 'env', value: 'home', host_count: 3 },
  { key: 'env', value: 'lab', host_count: 1 },
  { key: 'role', value: 'nas', host_count: 1 },
  { key: 'role', value: 'web', host_count: 2 },
];
const inventory = [
  { key: 'env', description: 'where it runs', values: ['home', 'lab', 'office'], host_count: 4, rule_count: 1 },
  { key: 'rack', description: '', values: ['r10', 'r2'], host_count: 0, rule_count: 0 },
];
const known = knownTags(facets, inventory);
const texts = (s: { key: string; value: string }[]) => s.map((t) => `${t.key}=${t.value}`);

describe('known tags', () => {
  it('are the pairs hosts carry with their counts, and the inventory’s values no host carries yet, by key then value', () => {
    expect(known.map((t) => [`${t.key}=${t.value}`, t.hostCount])).toEqual([
      ['env=home', 3],
      ['env=lab', 1],
      ['env=office', 0],
      ['rack=r2', 0],
      ['rack=r10', 0],
      ['role=nas', 1],
      ['role=web', 2],
    ]);
    expect(known[0].description).toBe('where it runs');
    expect(knownTags([], [])).toEqual([]);
  });
});

describe('suggestions', () => {
  it('are every pair for an empty field, and those not yet in it after', () => {
    expect(texts(suggestTags(known, '').suggestions)).toHaveLength(7);
    expect(texts(suggestTags(known, 'env=home, role=nas').suggestions)).toEqual(['env=lab', 'env=office', 'rack=r2', 'rack=r10', 'role=web']);
    expect(texts(suggestTags(known, 'env=home, ').suggestions)).not.toContain('env=home');
  });

  it('follow the part being typed, matches at its start first', () => {
    expect(texts(suggestTags(known, 'ro').suggestions)).toEqual(['role=nas', 'role=web']);
    expect(texts(suggestTags(known, 'env=home, rack=r').suggestions)).toEqual(['rack=r2', 'rack=r10']);
    // "la" starts nothing but is inside env=lab.
    expect(texts(suggestTags(known, 'la').suggestions)).toEqual(['env=lab']);
    expect(texts(suggestTags(known, 'ENV=H').suggestions)).toEqual(['env=home']);
  });

  it('treat a pair typed by hand that no host has as finished, and suggest the rest', () => {
    expect(texts(suggestTags(known, 'zone=eu').suggestions)).toHaveLength(7);
  });

  it('compare values ignoring case for scope tags, which match that way', () => {
    expect(texts(suggestTags(known, 'env=HOME', { ignoreCase: true }).suggestions)).not.toContain('env=home');
    expect(texts(suggestTags(known, 'env=HOME').suggestions)).toContain('env=home');
  });

  it('are capped, saying how many more there are', () => {
    expect(suggestTags(known, '', { max: 3 })).toMatchObject({ more: 4 });
    expect(suggestTags(known, '', { max: 3 }).suggestions).toHaveLength(3);
  });
});

describe('picking a suggestion', () => {
  it('adds the pair to an empty field or after the others', () => {
    expect(addTag('', { key: 'env', value: 'home' }, known)).toBe('env=home');
    expect(addTag('role=nas', { key: 'env', value: 'home' }, known)).toBe('role=nas, env=home');
    expect(addTag('role=nas, ', { key: 'env', value: 'home' }, known)).toBe('role=nas, env=home');
  });

  it('completes the part being typed', () => {
    expect(addTag('role=nas, en', { key: 'env', value: 'lab' }, known)).toBe('role=nas, env=lab');
  });

  it('keeps a pair typed by hand', () => {
    expect(addTag('zone=eu', { key: 'env', value: 'lab' }, known)).toBe('zone=eu, env=lab');
  });

  it('replaces the value of a key already there: a host has one value per key', () => {
    expect(addTag('env=home, role=nas', { key: 'env', value: 'lab' }, known)).toBe('env=lab, role=nas');
  });
});
