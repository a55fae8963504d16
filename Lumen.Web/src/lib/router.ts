// The dashboard's few routes. Paths are real URLs (the hub falls back to index.html for them),
// so a reload or a shared link lands on the same screen. The hub answers those paths with
// index.html only for the prefixes listed in Lumen.Hub/Dashboard/DashboardApi.cs (ClientRoutes):
// keep them in step.

export type Route =
  | { page: 'overview' }
  | { page: 'host'; id: number }
  | { page: 'alerts' }
  | { page: 'deliveries' }
  | { page: 'settings' }
  | { page: 'not-found'; path: string };

export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/login') return { page: 'overview' };
  if (clean === '/settings') return { page: 'settings' };
  if (clean === '/alerts') return { page: 'alerts' };
  if (clean === '/alerts/deliveries') return { page: 'deliveries' };
  const host = /^\/hosts\/(\d+)$/.exec(clean);
  if (host) return { page: 'host', id: Number(host[1]) };
  return { page: 'not-found', path };
}

type Listener = () => void;
const listeners = new Set<Listener>();

export function currentPath(): string {
  return window.location.pathname;
}

export function navigate(path: string, replace = false) {
  if (path === currentPath()) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export function subscribePath(listener: Listener): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}
