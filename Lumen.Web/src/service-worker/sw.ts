// Lumen's service worker, built by vite.config.ts (serviceWorker()) into dist/sw.js with the
// build's file list in SHELL_FILES. It keeps the dashboard's shell (index.html, the built
// scripts and styles, the icons) so the dashboard opens with the hub or the network gone and
// says it is offline, and never stores an API answer (shell.ts decides); and it shows the
// hub's web pushes as notifications, a click bringing a dashboard window forward (push.ts).
// No imports from the app: this file and the two beside it are all the worker is.

import { notificationFor, windowToFocus } from './push';
import { requestKind, SHELL_CACHE_PREFIX, shellCacheName } from './shell';

// The few service-worker types used here: the app's TypeScript has the DOM's types, whose
// `self` is a window, and the WebWorker library cannot be added beside them.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { text(): string } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification & { data: { url?: string } | null };
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  location: Location;
  registration: ServiceWorkerRegistration;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

declare const SHELL_FILES: string[];
const worker = self as unknown as WorkerScope;
const origin = worker.location.origin;
const files = SHELL_FILES;
const shell = new Set(files);
const cacheName = shellCacheName(files);
const INDEX = '/index.html';

worker.addEventListener('install', (event) => {
  // Everything at once, or the install fails and the previous worker stays: never half a shell.
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(files.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== cacheName).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const kind = requestKind(new URL(request.url), request.method, request.mode, origin, shell);
  // The API and the rest are left to the browser, as if there were no worker.
  if (kind === 'page') event.respondWith(page(request));
  else if (kind === 'shell-file') event.respondWith(shellFile(request));
});

/** A page load: the hub's index.html when it answers (a new build shows at once), else the cached one. */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const cached = await caches.match(INDEX, { cacheName });
    return cached ?? Response.error();
  }
}

/** A file of this build: from the cache, or the network when the cache lost it. */
async function shellFile(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName })) ?? fetch(request);
}

worker.addEventListener('push', (event) => {
  const { title, options } = notificationFor(event.data?.text() ?? null, origin);
  event.waitUntil(worker.registration.showNotification(title, options));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = event.notification.data?.url ?? `${origin}/alerts`;
  event.waitUntil(
    worker.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windowToFocus(windows, target, origin);
      if (!open) return void (await worker.clients.openWindow(target));
      const focused = await open.focus();
      if (focused.url !== target) await focused.navigate(target).catch(() => null);
    }),
  );
});
