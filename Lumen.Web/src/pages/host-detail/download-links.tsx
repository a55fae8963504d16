import { EXPORT_FORMATS, exportUrl } from '../../lib/export';

/** Download the range shown, as CSV or Parquet: plain links, so the browser saves the hub's file under the hub's name. */
export function DownloadLinks({ id, from, to, agentInterval }: { id: number; from: number; to: number; agentInterval: number }) {
  return (
    <div role="group" aria-label="Download the range shown" className="inline-flex items-center rounded-lg border border-line bg-sunken p-0.5">
      <span className="mr-0.5 flex items-center gap-1 border-r border-line px-2 text-xs text-faint">
        <svg
          viewBox="0 0 20 20"
          className="h-3.5 w-3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden
        >
          <path d="M10 3v9m0 0l-3.5-3.5M10 12l3.5-3.5M4 15.5h12" />
        </svg>
        Download
      </span>
      {EXPORT_FORMATS.map(({ format, label }) => (
        <a
          key={format}
          href={exportUrl(id, format, from, to, agentInterval)}
          download
          aria-label={`Download ${label}`}
          title={`This range as ${label}`}
          className="inline-flex min-h-9 items-center rounded-md px-2.5 text-xs font-medium whitespace-nowrap text-muted transition hover:bg-panel hover:text-fg sm:min-h-8"
        >
          {label}
        </a>
      ))}
    </div>
  );
}
