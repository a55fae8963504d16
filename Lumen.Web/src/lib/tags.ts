// Host tags as one line of text, "env=home, role=nas", and back; checked with the hub's rules
// (keys [A-Za-z0-9._-]{1,64}, values up to 128 characters without = , or control characters,
// at most 32 tags) so a mistake is named before the request.

export function tagsToText(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function parseTags(text: string): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 32) return { error: 'At most 32 tags.' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { error: `“${part}” is not key=value.` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(key)) return { error: `Tag key “${key}” may hold only letters, digits, dot, dash and underscore (at most 64).` };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this class refuses, as the hub does.
    if (value.length > 128 || /[=,\u0000-\u001f\u007f]/.test(value)) return { error: `The value of “${key}” must be at most 128 characters, without = or ,.` };
    if (key in tags) return { error: `Tag “${key}” is given twice.` };
    tags[key] = value;
  }
  return { tags };
}
