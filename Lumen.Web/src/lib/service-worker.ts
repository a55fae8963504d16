// Registers the service worker (src/service-worker/sw.ts, built into /sw.js) in production
// builds: the dashboard becomes installable, opens without the hub (offline shell) and can show
// web pushes. `npm run dev` registers none: a worker caching the dev server's modules would
// serve stale code.

/** Registers /sw.js after the page has loaded (its first caching then never competes with the page's own requests). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // Not fatal: the dashboard works without it, only offline and web push do not.
      console.warn('Lumen: the service worker did not register:', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** The registration that can subscribe to pushes, or null when there is none (a dev build, a browser without workers). */
export async function pushRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  if (!registration) return null;
  // Installed but perhaps not active yet: subscribing needs the active worker.
  return registration.active ? registration : navigator.serviceWorker.ready;
}
