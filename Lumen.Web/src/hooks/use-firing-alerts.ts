import { useSyncExternalStore } from 'react';
import { api, errorMessage } from '../lib/api';
import { FiringStore, type FiringSnapshot } from '../lib/firing';

/** The hub answers at most 2000 events a request; more firing at once than that is a fleet on fire. */
const FIRING_LIMIT = 2000;

/**
 * The one store of firing alerts the pages share: fetched when its first reader mounts, fed by
 * the alert frames of whichever live stream the page holds (useLiveStream), fetched again when
 * that stream (re)connects and once a minute while anyone reads it.
 */
export const firingAlerts = new FiringStore({
  fetchFiring: () => api.alertEvents('firing', FIRING_LIMIT),
  describeError: errorMessage,
});

/** Every firing alert (worst first) and each host's count and worst severity; live while a page's stream is open. */
export function useFiringAlerts(): FiringSnapshot {
  return useSyncExternalStore(firingAlerts.subscribe, firingAlerts.getSnapshot);
}
