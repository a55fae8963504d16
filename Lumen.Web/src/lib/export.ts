// The host page's Download: links to the hub's export of the range shown
// (GET /api/hosts/{id}/metrics.csv and .parquet, docs/history.md "Export").

export type ExportFormat = 'csv' | 'parquet';

export const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'parquet', label: 'Parquet' },
];

/** The hub refuses a step under 5 s. */
const MIN_STEP_SECONDS = 5;

/**
 * The export of host `id` over `from`–`to` (unix seconds) as `format`. The step asked for is the
 * agent's interval (whole seconds, at least 5 s): a row per stored sample where the hub keeps raw
 * rows; the hub raises it where the window is too long for its 100,000 rows or reaches past them.
 * A plain same-origin URL: the browser sends the session cookie with it.
 */
export function exportUrl(id: number, format: ExportFormat, from: number, to: number, agentIntervalSeconds: number): string {
  const step = Math.max(MIN_STEP_SECONDS, Math.ceil(agentIntervalSeconds || 0));
  const query = new URLSearchParams({
    from: new Date(from * 1000).toISOString(),
    to: new Date(to * 1000).toISOString(),
    step: `${step}s`,
  });
  return `/api/hosts/${id}/metrics.${format}?${query}`;
}
