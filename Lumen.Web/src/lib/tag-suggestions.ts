// The tag picker's suggestions: every key=value pair the hub knows (the pairs hosts carry, GET
// /api/host-tags, and the inventory's listed values, GET /api/tags, that no host carries yet),
// narrowed to what the last comma-separated part of the field starts to say, without the pairs
// already there; and the field's text after one is picked. Typing by hand keeps working: the
// field stays plain text.

/** One pair hosts carry, as GET /api/host-tags lists it. */
export interface HostTagCount {
  key: string;
  value: string;
  host_count: number;
}

/** One key of the inventory, as GET /api/tags lists it. */
export interface TagInventoryEntry {
  key: string;
  description: string;
  values: string[];
  host_count: number;
  rule_count: number;
}

export interface TagSuggestion {
  key: string;
  value: string;
  /** How many hosts carry the pair; 0 for a listed value no host has yet. */
  hostCount: number;
  /** What the key is for, from the inventory; empty when it says nothing. */
  description: string;
}

const byText = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Every known pair, by key then value: the hosts' pairs with their counts, and the inventory's values no host carries. */
export function knownTags(facets: readonly HostTagCount[], inventory: readonly TagInventoryEntry[]): TagSuggestion[] {
  const descriptions = new Map(inventory.map((t) => [t.key, t.description]));
  const pairs = new Map<string, TagSuggestion>();
  for (const f of facets) pairs.set(`${f.key}=${f.value}`, { key: f.key, value: f.value, hostCount: f.host_count, description: descriptions.get(f.key) ?? '' });
  for (const tag of inventory)
    for (const value of tag.values)
      if (!pairs.has(`${tag.key}=${value}`)) pairs.set(`${tag.key}=${value}`, { key: tag.key, value, hostCount: 0, description: tag.description });
  return [...pairs.values()].sort((a, b) => byText.compare(a.key, b.key) || byText.compare(a.value, b.value));
}

interface Part {
  key: string;
  value: string;
}

function parts(text: string): string[] {
  return text.split(',').map((p) => p.trim());
}

function asPair(part: string): Part {
  const eq = part.indexOf('=');
  return eq < 0 ? { key: part, value: '' } : { key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
}

const same = (a: Part, b: Part, ignoreCase: boolean) => a.key === b.key && (ignoreCase ? a.value.toLowerCase() === b.value.toLowerCase() : a.value === b.value);

const matchAt = (k: TagSuggestion, query: string) => `${k.key}=${k.value}`.toLowerCase().indexOf(query.toLowerCase());

/**
 * What is being typed: the last part of the field while it is the start of a known pair. Empty,
 * a whole known pair, or text no pair holds (a pair typed by hand) is a finished part: the user
 * then sees every suggestion again, and a pick is added after it.
 */
function typing(text: string, known: readonly TagSuggestion[], ignoreCase: boolean): string {
  const last = parts(text).at(-1) ?? '';
  if (!last) return '';
  const pair = asPair(last);
  if (known.some((k) => same(k, pair, ignoreCase))) return '';
  return known.some((k) => matchAt(k, last) >= 0) ? last : '';
}

/**
 * The suggestions for the field as it reads: pairs not in it yet, those matching the part being
 * typed (anywhere in `key=value`, ignoring case; matches at the start first); at most `max`, and
 * how many more there are. `ignoreCase` compares values as a window's scope tags do.
 */
export function suggestTags(
  known: readonly TagSuggestion[],
  text: string,
  { max = 12, ignoreCase = false }: { max?: number; ignoreCase?: boolean } = {},
): { suggestions: TagSuggestion[]; more: number } {
  const query = typing(text, known, ignoreCase);
  const chosen = parts(text).filter(Boolean).map(asPair);
  const open = known.filter((k) => !chosen.some((c) => same(c, k, ignoreCase)));
  const matching = query
    ? open
        .map((k) => ({ k, at: matchAt(k, query) }))
        .filter((m) => m.at >= 0)
        .sort((a, b) => Number(a.at > 0) - Number(b.at > 0))
        .map((m) => m.k)
    : open;
  return { suggestions: matching.slice(0, max), more: Math.max(0, matching.length - max) };
}

/**
 * The field after picking a pair: it replaces the part being typed, or a part with the same key
 * (a host has one value per key, so both cannot hold), else it is added at the end.
 */
export function addTag(text: string, pick: Pick<TagSuggestion, 'key' | 'value'>, known: readonly TagSuggestion[] = [], ignoreCase = false): string {
  const list = parts(text);
  if (typing(text, known, ignoreCase)) list.pop();
  const kept = list.filter(Boolean);
  const pair = `${pick.key}=${pick.value}`;
  const sameKey = kept.findIndex((p) => asPair(p).key === pick.key);
  if (sameKey >= 0) kept[sameKey] = pair;
  else kept.push(pair);
  return kept.join(', ');
}
