import { useSyncExternalStore } from 'react';
import { currentPath, subscribePath } from '../lib/router';

/** The current URL path; re-renders on navigate() and on back/forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribePath, currentPath);
}
