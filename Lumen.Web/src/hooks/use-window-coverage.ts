import { useMemo } from 'react';
import type { HostView } from '../lib/fleet';
import { coveredHosts } from '../lib/maintenance';
import { useRulePreview } from './use-rule-preview';

export type CoverageResult =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ok'; hosts: { id: number; name: string }[]; everyone: boolean; stale: boolean };

/**
 * The hosts a maintenance window covers: the rule preview for its names (the hub reads a window's
 * `host` as a rule's, and answers as the user pauses typing), narrowed here by its scope tags,
 * whose values the hub compares ignoring case (the preview's tag selector is exact, so it cannot
 * be used for them). `scopeTags` null: they do not parse yet, and the names alone are shown.
 */
export function useWindowCoverage(host: string, scopeTags: Record<string, string> | null, hosts: HostView[] | null): CoverageResult {
  const preview = useRulePreview(host, '');
  const tagsOf = useMemo(() => new Map((hosts ?? []).map((h) => [h.id, h.tags])), [hosts]);
  if (preview.status !== 'ok') return preview;
  const scoped = scopeTags !== null && Object.keys(scopeTags).length > 0;
  if (scoped && hosts === null) return { status: 'loading' };
  return {
    status: 'ok',
    hosts: coveredHosts(preview.preview.hosts, tagsOf, scopeTags ?? {}),
    everyone: preview.host.trim() === '' && !scoped,
    stale: preview.host !== host,
  };
}
