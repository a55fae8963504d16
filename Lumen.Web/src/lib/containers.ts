// The host detail's containers table: sorting by any column, memory as "used of limit".

import type { ContainerSample } from './protocol';

export type ContainerKey = 'name' | 'image' | 'state' | 'cpu_pct' | 'mem_used_bytes';
export type SortDirection = 'asc' | 'desc';

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorted copy; ties fall back to the name so rows never swap places between frames. */
export function sortContainers(containers: ContainerSample[], key: ContainerKey, direction: SortDirection): ContainerSample[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...containers].sort((a, b) => {
    const primary = key === 'cpu_pct' || key === 'mem_used_bytes' ? (a[key] - b[key]) * sign : text.compare(a[key], b[key]) * sign;
    return primary !== 0 ? primary : text.compare(a.name, b.name);
  });
}

/** Numbers read best largest first; names A to Z. */
export function defaultDirection(key: ContainerKey): SortDirection {
  return key === 'cpu_pct' || key === 'mem_used_bytes' ? 'desc' : 'asc';
}

/** Docker reports no limit as 0 or as the host's whole memory; either way there is no share to show. */
export function memoryShare(container: ContainerSample): number | null {
  if (container.mem_limit_bytes <= 0) return null;
  return container.mem_pct > 0 ? container.mem_pct : (container.mem_used_bytes / container.mem_limit_bytes) * 100;
}
