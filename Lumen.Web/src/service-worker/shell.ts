// What the service worker does with a request, decided from the request alone so the unit tests
// reach it: the API (and the hub's other live paths) always goes to the network and is never
// cached; a page load tries the network first and falls back to the cached shell, so the
// dashboard opens without the hub; the build's own files (hashed names, never changed) come from
// the cache.

/** Paths that are the hub's, not the dashboard's: answered by the network alone, never stored. */
const LIVE_PREFIXES = ['/api/', '/healthz', '/install.sh', '/install/'];

export type RequestKind = 'network-only' | 'page' | 'shell-file' | 'pass';

export function requestKind(url: URL, method: string, mode: string, origin: string, shellPaths: ReadonlySet<string>): RequestKind {
  if (method !== 'GET' || url.origin !== origin) return 'pass';
  if (url.pathname === '/api' || LIVE_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return 'network-only';
  if (mode === 'navigate') return 'page';
  if (shellPaths.has(url.pathname)) return 'shell-file';
  return 'pass';
}

/** The cache a build's files go in: named after the build, so a new build's worker starts a fresh one and drops the old. */
export function shellCacheName(files: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const file of files)
    for (let i = 0; i < file.length; i++) {
      hash ^= file.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  return `${SHELL_CACHE_PREFIX}${hash.toString(16).padStart(8, '0')}`;
}

export const SHELL_CACHE_PREFIX = 'lumen-shell-';
